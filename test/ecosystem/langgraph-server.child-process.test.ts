// interleaf on LangGraph's own server: `langgraphjs dev` runs examples/langgraph-server (the built
// package installed in a project), a local OpenAI-compatible server plays the model, and
// @langchain/langgraph-sdk's Client drives it as an app would. Then interleaf itself reads the
// threads the server ran, from the same database.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphAgent, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { root } from "../package/built-package.js";
import { projectWithExample } from "./served-project.js";

const photo = readFileSync(join(root, "test/fixtures/images/r1v4_demo_5.jpg"));
const zoomTurn = '<think>Zoom on the bottles.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>';
const answerTurn = "<think>Three bottles and two cups.</think>\n<answer>5</answer>";

/** The model: turn N of a conversation (N = assistant messages so far) gets the Nth turn; also serves the photo. */
function modelServer(requests: { authorization: string | undefined; body: { messages: { role: string }[] } }[]): Promise<Server> {
  const read = (request: IncomingMessage) => new Promise<string>((resolve) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => resolve(text));
  });
  const server = createServer((request, response) => {
    if (request.url === "/photo.jpg") {
      response.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
      return;
    }
    void read(request).then((text) => {
      const body = JSON.parse(text) as { messages: { role: string }[] };
      requests.push({ authorization: request.headers.authorization, body });
      const turn = body.messages.filter((message) => message.role === "assistant").length === 0 ? zoomTurn : answerTurn;
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ id: "c", object: "chat.completion", model: "r1v4", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: turn } }], usage: { prompt_tokens: 10, completion_tokens: 5 } }),
      );
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function freePort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) => probe.listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  }));
}

async function waitUntilUp(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`langgraphjs dev exited (${server.exitCode}):\n${log()}`);
    const ok = await fetch(`${url}/ok`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`langgraphjs dev did not come up:\n${log()}`);
}

/** `langgraphjs dev` on 127.0.0.1, in its own process group (it starts the API server as a child). */
function startServer(config: string, port: number, env: Record<string, string>): ChildProcess {
  const args = ["dev", "--host", "127.0.0.1", "--port", String(port), "--no-browser", "--no-reload", "--config", config];
  return spawn(join(root, "node_modules/.bin/langgraphjs"), args, {
    cwd: dirname(config),
    detached: true,
    env: { ...process.env, ...env, LANGGRAPH_CLI_NO_ANALYTICS: "1", LANGSMITH_TRACING: "false", BROWSER: "none" },
  });
}

async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  await exited;
}

let project: string;
let model: Server;
let server: ChildProcess;
let apiUrl: string;
let db: string;
let output = "";
const requests: Parameters<typeof modelServer>[0] = [];

beforeAll(async () => {
  project = await projectWithExample("langgraph-server");
  model = await modelServer(requests);
  const modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}`;
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  db = join(project, "threads.db");
  server = startServer(join(project, "langgraph.json"), port, {
    INTERLEAF_DB: db,
    INTERLEAF_BASE_URL: `${modelUrl}/v1`,
    INTERLEAF_MODEL: "vllm:r1v4",
    INTERLEAF_DIALECT: "r1v4",
    INTERLEAF_ALLOW_HOSTS: `127.0.0.1:${(model.address() as AddressInfo).port}`,
  });
  server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await waitUntilUp(apiUrl, server, () => output);
}, 180_000);

afterAll(async () => {
  await stopServer(server);
  await new Promise((resolve) => model?.close(resolve));
  if (project) rmSync(dirname(project), { recursive: true, force: true });
});

describe("an interleaf graph on LangGraph's server", () => {
  it("runs a thread with an image input, streams updates and custom events, keeps state and history, forks from a checkpoint and serves the produced image", async () => {
    const client = new Client({ apiUrl });
    const thread = await client.threads.create();
    const photoUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/photo.jpg`;

    const events: { event: string; data: unknown }[] = [];
    for await (const chunk of client.runs.stream(thread.thread_id, "interleaf", {
      input: { question: "How many drinks are on the table?", images: [photoUrl] },
      streamMode: ["updates", "custom"],
    })) {
      events.push(chunk as { event: string; data: unknown });
    }
    expect(events.filter((e) => e.event === "error"), output).toEqual([]);
    const updatedNodes = events.filter((e) => e.event === "updates").flatMap((e) => Object.keys(e.data as object));
    expect(updatedNodes).toEqual(["reason", "tools", "reason", "finish"]);
    const custom = events.filter((e) => e.event === "custom").map((e) => (e.data as { type: string }).type);
    expect(custom).toContain("tool_call");
    expect(custom).toContain("answer");

    // The model got the photo and no key (the operator's spec says apiKeyEnv "none").
    expect(requests).toHaveLength(2);
    expect(requests[0]?.authorization).toBeUndefined();
    expect(JSON.stringify(requests[0]?.body)).toContain("data:image/");

    const state = await client.threads.getState<{ answer: string; images: { id: string }[]; steps: { calls: { observation: { images: { id: string; parent?: string }[] } }[] }[] }>(thread.thread_id);
    expect(state.values.answer).toBe("5");
    expect(state.values.images[0]?.id).toBe(createHash("sha256").update(photo).digest("hex"));
    expect(state.values.steps).toHaveLength(2);
    const produced = state.values.steps[0]?.calls[0]?.observation.images[0];
    expect(produced?.parent).toBe(state.values.images[0]?.id);

    // The produced image, through the example's custom route.
    const image = await fetch(`${apiUrl}/images/${produced?.id}`);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toMatch(/^image\//);
    expect(createHash("sha256").update(new Uint8Array(await image.arrayBuffer())).digest("hex")).toBe(produced?.id);
    expect((await fetch(`${apiUrl}/images/${"0".repeat(64)}`)).status).toBe(404);

    const history = await client.threads.getHistory<{ answer: string | null }>(thread.thread_id, { limit: 50 });
    expect(history.length).toBeGreaterThanOrEqual(5);
    expect(history[0]?.values.answer).toBe("5");

    // Fork: run again from the checkpoint where the tools were next, on a copy of the thread.
    const beforeTools = history.find((snapshot) => snapshot.next.includes("tools"));
    expect(beforeTools).toBeDefined();
    const fork = await client.threads.create({ graphId: "interleaf" });
    await client.threads.updateState(fork.thread_id, { values: beforeTools?.values ?? {}, asNode: "reason" });
    const forked = (await client.runs.wait(fork.thread_id, "interleaf", { input: null })) as { answer: string; steps: unknown[] };
    expect(forked.answer).toBe("5");
    expect(forked.steps).toHaveLength(2);

    // interleaf reads the server's thread from the same database: its history and trajectory.
    const reader = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect(), storage: db });
    try {
      const summaries = await reader.history(thread.thread_id);
      expect(summaries.length).toBe(history.length);
      const local = await reader.state(thread.thread_id);
      expect(local?.answer).toBe("5");
      expect(local?.steps.map((step) => step.calls.map((call) => call.name))).toEqual([["zoom"], []]);
    } finally {
      await reader.close();
    }
  }, 180_000);

  it("refuses a model base URL the operator did not allow, before calling it", async () => {
    const client = new Client({ apiUrl });
    const assistant = await client.assistants.create({ graphId: "interleaf", context: { model: "openai-compatible:gpt@http://169.254.169.254/v1" } });
    const thread = await client.threads.create();
    const before = requests.length;
    const run = await client.runs.create(thread.thread_id, assistant.assistant_id, { input: { question: "Hi?" } });
    await client.runs.join(thread.thread_id, run.run_id);
    const done = await client.runs.get(thread.thread_id, run.run_id);
    expect(done.status).toBe("error");
    expect(requests.length).toBe(before);
    expect(output).toContain("is not one this server allows");
  }, 60_000);
});

describe("an interleaf Agent named in langgraph.json", () => {
  it("is refused when the server loads it, with a message saying what to export instead", async () => {
    writeFileSync(
      join(project, "agent.ts"),
      'import { createGraphAgent, r1v4Dialect } from "interleaf";\nimport { interleavedGraph } from "interleaf/graphs";\nimport { scriptedModel } from "interleaf/testing";\n' +
        "export const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect() });\n",
    );
    writeFileSync(join(project, "agent.langgraph.json"), JSON.stringify({ node_version: "20", graphs: { agent: "./agent.ts:agent" } }));
    const port = await freePort();
    const refused = startServer(join(project, "agent.langgraph.json"), port, { INTERLEAF_DB: "memory" });
    let log = "";
    refused.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    refused.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    try {
      for (let i = 0; i < 600 && !log.includes("cannot be served") && refused.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(log).toContain("an interleaf Agent cannot be served by LangGraph's server");
      expect(log).toContain("serverGraph({ spec })");
      expect(await fetch(`http://127.0.0.1:${port}/assistants/search`, { method: "POST", body: "{}" }).then((r) => r.ok, () => false)).toBe(false);
    } finally {
      await stopServer(refused);
    }
  }, 120_000);
});

import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, openStorage, r1v4Dialect, type TrajectoryStep } from "interleaf";
import { forkHostedTrace, hostedR1V4Agent } from "interleaf/graphs";
import { hostedR1V4Model } from "interleaf/skywork";
import { expectSameTrajectory, scriptedModel, withCassette } from "interleaf/testing";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import { skyworkFixture, startSkyworkServer, type SkyworkServer } from "../../models/skywork/skywork-server.js";

const KEY = "sk-skywork-e2e-key-5f4dcc3b5aa765d61d8327deb882cf99";
const PHOTO = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_2.jpg", import.meta.url));
const QUESTION = "这个人2025年全球总决赛夺冠了嘛？";
const TRACE = skyworkFixture("traces/composed-deepresearch-tool-calls.txt");
const ANSWER = "是的，Faker（T1）赢得了2025年英雄联盟全球总决赛冠军。";
const JERSEY_CODE =
  "from PIL import Image\nimg = Image.open(image_path)\ncrop = img.crop((1100, 300, 1700, 900))\ncrop = crop.resize((1200, 1200))\ncrop.save('/mnt/data/temp_processed_images/jersey.jpg')\nprint('/mnt/data/temp_processed_images/jersey.jpg')";

let server: SkyworkServer;
let dir: string;
beforeEach(async () => {
  server = await startSkyworkServer(KEY, () => ({ content: TRACE }));
  dir = mkdtempSync(join(tmpdir(), "interleaf-hosted-r1v4-"));
});
afterEach(async () => server.close());

/** The server steps of a run as (name, arguments, observation) per step. */
const serverCalls = (steps: readonly TrajectoryStep[]) => steps.filter((s) => s.executedBy === "server").map((s) => s.calls.map((c) => [c.name, c.arguments, c.observation.text]));

const EXPECTED_SERVER_CALLS = [
  [["code", { code: JERSEY_CODE }, '{"result": "/mnt/data/temp_processed_images/jersey.jpg", "type": "code"}']],
  [
    [
      "text_search",
      { queries: ["2025 League of Legends World Championship winner", "Faker Worlds 2025"] },
      '[{"title": "2025 World Championship - Liquipedia", "url": "https://liquipedia.net/leagueoflegends/World_Championship/2025", "snippet": "T1 defeated KT Rolster 3-2 in the final."}]',
    ],
  ],
  [["web_visit", { urls: ["https://liquipedia.net/leagueoflegends/World_Championship/2025"] }, "The page states that T1 won the 2025 World Championship, Faker's sixth title."]],
];

describe("the hosted R1V4 end to end against a local server that speaks its API", () => {
  it("one call; the trace becomes server steps and the answer, checkpointed in SQLite with no key in the file", async () => {
    const db = join(dir, "hosted.db");
    const agent = hostedR1V4Agent({ api: { apiKey: KEY, baseURL: server.baseURL }, storage: db });
    const result = await agent.run({ question: QUESTION, images: [PHOTO] }, { threadId: "hosted-1" });
    expect(server.requests).toHaveLength(1);
    expect(result.status).toBe("answered");
    expect(result.answer).toBe(ANSWER);
    expect(result.steps.map((s) => [s.index, s.kind, s.executedBy ?? "interleaf"])).toEqual([
      [0, "tool_calls", "server"],
      [1, "tool_calls", "server"],
      [2, "tool_calls", "server"],
      [3, "answer", "interleaf"],
    ]);
    expect(serverCalls(result.steps)).toEqual(EXPECTED_SERVER_CALLS);
    expect(result.steps[1]?.thought).toBe("The jersey reads \"T1 Faker\". Now I search for the 2025 world championship result.");
    expect(result.steps[3]?.usage).toEqual({ inputTokens: 1200, outputTokens: 800 });
    expect(result.steps[3]?.model.id).toBe("skywork:skywork/r1v4-lite");
    expect(result.counters.modelTurns).toBe(1);
    expect(result.counters.toolCalls).toBe(0);
    await agent.close();

    // Reopened from the file: the same trajectory, and history lists the checkpoints.
    const reopened = hostedR1V4Agent({ model: scriptedModel([]), storage: await openStorage(db) });
    expect((await reopened.state("hosted-1"))?.steps).toEqual(result.steps);
    const history = await reopened.history("hosted-1");
    expect(history.map((c) => c.source)).toContain("input");
    expect(history[0]?.steps).toBe(4);
    await reopened.close();
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(KEY)).toBe(false);
  });

  it("interleaf run --model skywork:r1v4-lite reads the key from SKYWORK_API_KEY, and trajectory marks the server's steps", async () => {
    const out: string[] = [];
    const io = (env: Record<string, string>): CliIo => ({ out: (t) => void out.push(t), err: (t) => void out.push(t), env, cwd: dir, tty: { out: false, err: false } });
    const db = join(dir, "cli.db");
    expect(await runCli(["run", PHOTO, QUESTION, "--model", "skywork:r1v4-lite", "--mode", "deepresearch", "--base-url", server.baseURL, "--db", db, "--thread", "h1"], io({ SKYWORK_API_KEY: KEY }))).toBe(EXIT.ok);
    expect(server.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]?.body.enable_search).toBe(true);
    out.length = 0;
    // No key needed to read a thread.
    expect(await runCli(["trajectory", "h1", "--db", db], io({}))).toBe(EXIT.ok);
    const text = out.join("");
    expect(text.match(/\[step \d\] tool_calls · executed by the server \(from the trace of a skywork:skywork\/r1v4-lite call\)/g)).toHaveLength(3);
    expect(text).toContain('call text_search {"queries":["2025 League of Legends World Championship winner","Faker Worlds 2025"]} (run by the server)');
    expect(text).toContain("[step 3] answer · model");
    expect(text).toContain(`answer: ${ANSWER}`);
    out.length = 0;
    expect(await runCli(["trajectory", "h1", "--db", db, "--json"], io({}))).toBe(EXIT.ok);
    const json = JSON.parse(out.join("")) as { steps: TrajectoryStep[] };
    expect(json.steps.map((s) => s.executedBy ?? null)).toEqual(["server", "server", "server", null]);
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(KEY)).toBe(false);
  });

  it("interleaf plan --model skywork:r1v4-vl-planner-lite asks the planner model as Skywork's client does and prints the validated plan", async () => {
    await server.close();
    server = await startSkyworkServer(KEY, () => ({ content: skyworkFixture("plans/composed-json-string-parameters.txt") }));
    const out: string[] = [];
    const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void out.push(t), env: { SKYWORK_API_KEY: KEY }, cwd: dir, tty: { out: false, err: false } };
    expect(await runCli(["plan", PHOTO, QUESTION, "--model", "skywork:r1v4-vl-planner-lite", "--base-url", server.baseURL, "--json"], cli)).toBe(EXIT.ok);
    const body = server.requests[0]?.body;
    expect(body.model).toBe("skywork/r1v4-vl-planner-lite");
    expect("enable_search" in body).toBe(false);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(["user"]);
    const plan = JSON.parse(out.join("")) as { steps: { tool_name: string; parameters: unknown }[]; dependencies: Record<string, number[]> };
    expect(plan.steps.map((s) => s.tool_name)).toEqual(["image_search", "text_search", "web_visit", "none"]);
    expect(plan.dependencies).toEqual({ "1": [], "2": [1], "3": [2], "4": [3] });
  });

  it("without a key the command says which variable to set", async () => {
    const err: string[] = [];
    const cli: CliIo = { out: () => undefined, err: (t) => void err.push(t), env: {}, cwd: dir, tty: { out: false, err: false } };
    expect(await runCli(["run", PHOTO, QUESTION, "--model", "skywork:r1v4-lite", "--base-url", server.baseURL, "--db", join(dir, "k.db")], cli)).not.toBe(EXIT.ok);
    expect(err.join("")).toContain("SKYWORK_API_KEY");
    expect(server.requests).toHaveLength(0);
  });

  it("records the hosted call to a cassette (no key in it) and replays the same trajectory with the server gone", async () => {
    const cassettes = join(dir, "cassettes");
    const run = (mode: "record" | "replay") =>
      withCassette(
        "hosted",
        async (cassette) => {
          const live = mode === "record" ? hostedR1V4Model({ apiKey: KEY, baseURL: server.baseURL }) : scriptedModel([]);
          return hostedR1V4Agent({ model: cassette.model(live), storage: "memory" }).run({ question: QUESTION, images: [PHOTO] });
        },
        { dir: cassettes, mode },
      );
    const recorded = await run("record");
    expect(server.requests).toHaveLength(1);
    await server.close();
    server = await startSkyworkServer(KEY, () => ({ status: 500, error: { message: "must not be called" } }));
    const replayed = await run("replay");
    expect(server.requests).toHaveLength(0);
    expectSameTrajectory(recorded, replayed);
    expect(serverCalls(replayed.steps)).toEqual(EXPECTED_SERVER_CALLS);
    expect(readFileSync(join(cassettes, "hosted", "cassette.jsonl"), "utf8")).not.toContain(KEY);
  });

  it("a fork after step 1 continues with interleaf's own loop: the server's steps replayed to a local model, an open tool run by interleaf", async () => {
    const agent = hostedR1V4Agent({ api: { apiKey: KEY, baseURL: server.baseURL }, storage: join(dir, "fork.db") });
    const original = await agent.run({ question: QUESTION, images: [PHOTO] }, { threadId: "hosted" });
    const forkId = await forkHostedTrace(agent, "hosted", { afterStep: 1, newThreadId: "local" });
    const forked = await agent.state(forkId);
    expect(forked?.steps).toEqual(original.steps.slice(0, 2));
    expect(forked?.answer).toBeNull();
    expect((await agent.history(forkId))[0]?.summary).toBe("step 1: the server ran text_search");

    const visited: string[] = [];
    const visit = defineTool({
      name: "web_visit",
      description: "Reads web pages.",
      input: z.object({ urls: z.array(z.string()) }),
      execute: async ({ urls }) => {
        visited.push(...urls);
        return { text: "Worlds 2025 final: T1 3-2 KT Rolster." };
      },
    });
    const local = scriptedModel(
      [
      '<think>Read the page myself.</think>\n<tool_call>{"name": "web_visit", "arguments": {"urls": ["https://liquipedia.net/leagueoflegends/World_Championship/2025"]}}</tool_call>',
      "<think>Confirmed by the page.</think>\n<answer>Yes: T1 and Faker won Worlds 2025.</answer>",
      ],
      { turnIndex: "sequential" },
    );
    const continued = await agent.with({ dialect: r1v4Dialect(), model: local, tools: [visit] }).resume(forkId);
    expect(server.requests).toHaveLength(1);
    expect(visited).toEqual(["https://liquipedia.net/leagueoflegends/World_Championship/2025"]);
    expect(continued.answer).toBe("Yes: T1 and Faker won Worlds 2025.");
    expect(continued.steps.map((s) => [s.kind, s.executedBy ?? "interleaf"])).toEqual([
      ["tool_calls", "server"],
      ["tool_calls", "server"],
      ["tool_calls", "interleaf"],
      ["answer", "interleaf"],
    ]);
    // The local model saw R1V4's conversation: its prompt, the question, each server turn and its observation.
    const first = local.calls[0]!.request.messages;
    expect(first.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    const texts = first.map((m) => m.content.map((p) => (p.type === "text" ? p.text : `[image ${p.label}]`)).join(""));
    expect(texts[2]).toBe(original.steps[0]?.raw);
    expect(texts[3]).toBe('<observation>\n{"result": "/mnt/data/temp_processed_images/jersey.jpg", "type": "code"}\n</observation>');
    expect(texts[4]).toContain("<tool_call>{\"name\": \"text_search\"");
    expect(texts[5]).toContain("T1 defeated KT Rolster 3-2 in the final.");
    // The original thread is untouched.
    expect((await agent.state("hosted"))?.steps).toEqual(original.steps);
    await agent.close();
  });

  it("resumed with the hosted dialect instead, the fork sends the earlier steps to the API as a conversation without a system prompt", async () => {
    await server.close();
    server = await startSkyworkServer(KEY, (_request, index) => ({ content: index === 0 ? TRACE : "<think>The page says T1 won.</think><answer>是的。</answer>" }));
    const agent = hostedR1V4Agent({ api: { apiKey: KEY, baseURL: server.baseURL }, storage: "memory" });
    await agent.run({ question: QUESTION, images: [PHOTO] }, { threadId: "hosted" });
    const forkId = await forkHostedTrace(agent, "hosted", { afterStep: 0 });
    const continued = await agent.resume(forkId);
    expect(continued.error).toBeUndefined();
    expect(continued.answer).toBe("是的。");
    expect(continued.steps.map((s) => s.executedBy ?? "interleaf")).toEqual(["server", "interleaf"]);
    const messages = server.requests[1]?.body.messages as { role: string; content: unknown }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(messages[1]?.content).toBe(continued.steps[0]?.raw);
    expect(messages[2]?.content).toBe('<observation>\n{"result": "/mnt/data/temp_processed_images/jersey.jpg", "type": "code"}\n</observation>');
  });
});

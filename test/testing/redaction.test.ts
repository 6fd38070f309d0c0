import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InterleafError, createGraphAgent, defineTool, openAICompatibleModel, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { createRedactor, openCassette, withCassette } from "interleaf/testing";
import { completion, startChatServer } from "../models/chat-server.js";
import { PHOTO, filesUnder } from "./recorded-run.js";

const KEY = "sk-live-4f9c2b7e81d34a6f9e0b5c7d2a1e8f63";
const SEARCH_KEY = "srch-91b7c3d5e2f4a6b8";

/** A search tool whose backend echoes its key (in a URL and in an error), as careless services do. */
const leakyLookup = defineTool({
  name: "lookup",
  description: "Looks a term up.",
  input: z.object({ term: z.string() }),
  async execute({ term }) {
    if (term === "fail") throw new InterleafError("search_failed", `GET https://search.test/q?api_key=${SEARCH_KEY}&q=fail answered 401: key ${SEARCH_KEY} is invalid`);
    return { text: `found ${term} at https://search.test/q?api_key=${SEARCH_KEY}&q=${term}`, data: { apiKey: SEARCH_KEY, headers: { authorization: `Bearer ${KEY}` } } };
  },
});

const turns = [
  '<think>Look it up.</think><tool_call>{"name": "lookup", "arguments": {"term": "mug"}}</tool_call>',
  '<think>Try the failing one.</think><tool_call>{"name": "lookup", "arguments": {"term": "fail"}}</tool_call>',
];

async function recordRun(useCassette: boolean) {
  const dir = mkdtempSync(join(tmpdir(), "interleaf-redact-"));
  // The server echoes the bearer token it received into the model's answer.
  const server = await startChatServer((request, i) => {
    const echoed = String(request.headers.authorization ?? "");
    return { json: completion(turns[i] ?? `<think>Done; I was called with "${echoed}".</think><answer>a mug (${echoed})</answer>`) };
  });
  const storage = await openStorage(join(dir, "runs.db"));
  const live = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, maxRetries: 0 });
  try {
    const run = async (model = live, tools = [leakyLookup]) =>
      createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model, tools, storage }).run({ question: "What is it?", images: [PHOTO] }, { threadId: "t" });
    const result = useCassette
      ? await withCassette("leaky", async (cassette) => run(cassette.model(live), cassette.tools([leakyLookup])), { dir, mode: "record", redact: { secrets: [SEARCH_KEY], env: {} } })
      : await run();
    return { dir, result };
  } finally {
    await storage.close();
    await server.close();
  }
}

function filesContaining(files: string[], secret: string): string[] {
  return files.filter((file) => readFileSync(file).includes(Buffer.from(secret)));
}

describe("secrets never reach a cassette or a checkpoint", () => {
  it("redacts keys from model responses, tool outputs, tool errors and data before anything is written", async () => {
    const { dir, result } = await recordRun(true);
    expect(result.status).toBe("answered");
    expect(result.answer).toContain("Bearer [redacted]");
    const files = await filesUnder(dir);
    expect(files.some((f) => f.endsWith("cassette.jsonl"))).toBe(true);
    expect(files.some((f) => f.endsWith("runs.db"))).toBe(true);
    expect(filesContaining(files, KEY)).toEqual([]);
    expect(filesContaining(files, SEARCH_KEY)).toEqual([]);
    const cassette = readFileSync(join(dir, "leaky", "cassette.jsonl"), "utf8");
    expect(cassette).toContain("api_key=[redacted]");
    expect(cassette).toContain('"apiKey":"[redacted]"');
    expect(cassette).toContain("key [redacted] is invalid");
  });

  it("the same run without a cassette does leak them into the checkpoints (so the check above can fail)", async () => {
    const { dir } = await recordRun(false);
    const files = await filesUnder(dir);
    expect(filesContaining(files, KEY).length).toBeGreaterThan(0);
    expect(filesContaining(files, SEARCH_KEY).length).toBeGreaterThan(0);
  });

  it("redacts secret-looking environment values, credential fields and common key shapes", () => {
    const redact = createRedactor({ env: { MY_SERVICE_TOKEN: "tok_8d7f6e5d4c3b2a19", HOME_DIR: "/home/someone/projects", SHORT_KEY: "abc" }, patterns: [/user-\d{4}/g] });
    expect(
      redact({
        text: "token tok_8d7f6e5d4c3b2a19 for user-1234 at /home/someone/projects, google AIzaSyA1234567890abcdefghijklmnopqrstuv",
        nested: [{ password: "hunter2", Authorization: "Basic dXNlcjpwYXNz" }],
        keep: { abc: "abc", count: 3 },
      }),
    ).toEqual({
      text: "token [redacted] for [redacted] at /home/someone/projects, google [redacted]",
      nested: [{ password: "[redacted]", Authorization: "[redacted]" }],
      keep: { abc: "abc", count: 3 },
    });
  });

  it("fingerprints redacted requests, so a replay in an environment with other keys still matches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-redact-fp-"));
    const request = (key: string) => ({ messages: [{ role: "user" as const, content: [{ type: "text" as const, text: `use https://x.test/?api_key=${key}` }] }] });
    const recorder = await openCassette(dir, { mode: "record", redact: { env: {} } });
    await recorder.model({ specificationVersion: "v1", provider: "p", modelId: "m", generate: async () => ({ text: "ok", toolCalls: [], usage: { inputTokens: 1, outputTokens: 1 } }) }).generate(request("first-key-123"));
    await recorder.save();
    const replayer = await openCassette(dir, { mode: "replay", redact: { env: {} } });
    const model = replayer.model(() => {
      throw new Error("the live backend must not be built in replay");
    });
    expect((await model.generate(request("other-key-456"))).text).toBe("ok");
    expect(model.provider).toBe("p");
    expect(readFileSync(join(dir, "cassette.jsonl"), "utf8")).not.toContain("first-key-123");
  });
});

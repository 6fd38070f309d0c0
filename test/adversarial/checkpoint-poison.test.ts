// A model controls tool-call arguments, and tools carry web content into structured data: none of it may be
// something a checkpoint serializer interprets (LangChain's `lc` records) or cannot read back (deep nesting).
// Every storage is checked, LangGraph's own savers included.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createGraphAgent, defineTool, openStorage, r1v4Dialect, type Storage } from "interleaf";

import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";

import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";

const SECRET_ENV = "INTERLEAF_POISON_TEST_SECRET";
const SECRET = "sk-poison-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "interleaf-poison-"));
const schema = uniqueSchema("poison");
process.env[SECRET_ENV] = SECRET;
afterAll(async () => {
  delete process.env[SECRET_ENV];
  await dropSchemas([schema]);
  rmSync(dir, { recursive: true, force: true });
});

const constructorRecord = { lc: 1, type: "constructor", id: ["no"] };
const secretRecord = {
  lc: 1,
  type: "constructor",
  id: ["langchain_core", "messages", "HumanMessage"],
  kwargs: { content: { lc: 1, type: "secret", id: [SECRET_ENV] } },
};
const setRecord = { lc: 2, type: "constructor", id: ["Set"], method: null, args: [[1, 2]] };
const deep = "[".repeat(2000) + "]".repeat(2000);

const call = (name: string, args: string) => `<think>Calling ${name}.</think>\n<tool_call>{"name": "${name}", "arguments": ${args}}</tool_call>`;
const turns = [
  call("echo", JSON.stringify({ payload: constructorRecord })),
  call("echo", JSON.stringify({ payload: secretRecord })),
  call("echo", JSON.stringify({ payload: setRecord, "lc~": "already escaped" })),
  call("echo", `{"payload": ${deep}}`),
  "<think>Done.</think>\n<answer>done</answer>",
];

function echoTool(seen: unknown[]) {
  return defineTool({
    name: "echo",
    description: "Repeats its payload as structured data.",
    input: z.looseObject({ payload: z.unknown() }),
    example: { payload: "hello" },
    async execute(args) {
      seen.push(args);
      const { payload } = args;
      return { text: "echoed", data: { echoed: payload, page: { lc: 1, type: "constructor", id: ["from", "a", "web", "page"] } } };
    },
  });
}

const storages: [string, () => Promise<Storage>][] = [
  ["interleaf SQLite", () => openStorage(join(dir, "interleaf.db"))],
  ["interleaf Postgres", async () => (await requirePostgres(), openStorage(postgresSpec(schema)))],
  ["LangGraph MemorySaver", async () => ({ ...(await openStorage("memory")), checkpointer: new MemorySaver() })],
  ["LangGraph SqliteSaver", async () => ({ ...(await openStorage("memory")), checkpointer: SqliteSaver.fromConnString(join(dir, "langgraph.db")) })],
];

describe.each(storages)("model-controlled data on %s", (_name, open) => {
  it("is stored inertly: the thread answers and stays readable, nothing is revived, no secret is read", async () => {
    const seen: unknown[] = [];
    const storage = await open();
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(turns), dialect: r1v4Dialect(), tools: [echoTool(seen)], storage });
    const result = await agent.run({ question: "Echo these." });
    expect(result.status).toBe("answered");
    expect(result.answer).toBe("done");

    // The tool itself saw the model's arguments as written.
    expect(seen).toEqual([{ payload: constructorRecord }, { payload: secretRecord }, { payload: setRecord, "lc~": "already escaped" }]);

    // Later reads, from this agent and from a fresh one on the same storage, all work.
    const state = await agent.state(result.threadId);
    expect(await agent.history(result.threadId)).not.toHaveLength(0);
    const again = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect(), storage });
    expect(await again.state(result.threadId)).toEqual(state);

    const steps = state!.steps;
    expect(steps.map((s) => s.kind)).toEqual(["tool_calls", "tool_calls", "tool_calls", "malformed", "answer"]);
    // The records come back as data with the marker key escaped, never as instances.
    expect(steps[0]!.calls[0]!.arguments).toEqual({ payload: { "lc~": 1, type: "constructor", id: ["no"] } });
    expect(steps[0]!.calls[0]!.observation.data).toEqual({
      echoed: { "lc~": 1, type: "constructor", id: ["no"] },
      page: { "lc~": 1, type: "constructor", id: ["from", "a", "web", "page"] },
    });
    const second = steps[1]!.calls[0]!.arguments as { payload: Record<string, unknown> };
    expect(second.payload["lc~"]).toBe(1);
    expect(second.payload.kwargs).toEqual({ content: { "lc~": 1, type: "secret", id: [SECRET_ENV] } });
    // LangGraph's own `lc: 2` records too; an existing `lc~` key is escaped once more, so the rule is reversible.
    expect(steps[2]!.calls[0]!.arguments).toEqual({ payload: { "lc~": 2, type: "constructor", id: ["Set"], method: null, args: [[1, 2]] }, "lc~~": "already escaped" });
    // Arguments nested 2,000 deep make the turn malformed: the model is told, nothing deep is stored.
    expect(steps[3]!.problem).toMatch(/deeper than 64 levels/);
    expect(JSON.stringify(state)).not.toContain(SECRET);
    await agent.close();
  });
});

describe("planner-controlled parameters", () => {
  it("are stored inertly, and parameters nested too deep are a plan issue", async () => {
    const { ToolRegistry } = await import("interleaf");
    const { validatePlan } = await import("interleaf/planning");
    const tools = new ToolRegistry([echoTool([])]);
    const ok = validatePlan([{ description: "Echo", tool_name: "echo", parameters: { payload: constructorRecord } }], { tools });
    expect(ok.success && ok.steps[0]?.parameters).toEqual({ payload: { "lc~": 1, type: "constructor", id: ["no"] } });
    const tooDeep = validatePlan([{ description: "Echo", tool_name: "echo", parameters: JSON.parse(`{"payload": ${deep}}`) }], { tools });
    expect(tooDeep.success).toBe(false);
    expect(!tooDeep.success && tooDeep.issues[0]?.message).toMatch(/deeper than 64 levels/);
  });
});

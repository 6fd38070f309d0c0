import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createGraphAgent, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { call, describeTool } from "./helpers.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const forever = () => call("describe", { note: "again" });

describe("budgets", () => {
  it("ends at the default of 16 tool calls with a clear reason", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(forever), dialect: r1v4Dialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.status).toBe("stopped");
    expect(result.stop?.reason).toBe("max_tool_calls");
    expect(result.stop?.message).toContain("16 tool calls");
    expect(result.counters.toolCalls).toBe(16);
  });

  it("says a budget of one in the singular, to the user and to the model", async () => {
    const native = scriptedModel(() => ({ text: "twice", toolCalls: [{ id: "a", name: "describe", arguments: {} }, { id: "b", name: "describe", arguments: { note: "x" } }] }));
    const { nativeDialect } = await import("interleaf");
    const agent = createGraphAgent({ graph: interleavedGraph(), model: native, dialect: nativeDialect(), tools: [describeTool()], budgets: { maxToolCalls: 1, maxModelTurns: 1 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.steps[0]?.calls[1]?.observation.error?.message).toBe("not run: the budget of 1 tool call is used up; answer with what you have");
    expect(result.stop?.message).toBe("the run used its budget of 1 tool call without an answer");
  });

  it("allows at least 50 tool calls without a recursion error", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(forever), dialect: r1v4Dialect(), tools: [describeTool()], budgets: { maxToolCalls: 50, maxModelTurns: 60 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.stop?.reason).toBe("max_tool_calls");
    expect(result.counters.toolCalls).toBe(50);
    expect(result.steps).toHaveLength(50);
  });

  it("runs only the calls that fit in the budget and tells the model about the rest", async () => {
    const log: string[] = [];
    const native = scriptedModel(() => ({ text: "twice", toolCalls: [{ id: "a", name: "describe", arguments: {} }, { id: "b", name: "describe", arguments: { note: "x" } }] }));
    const { nativeDialect } = await import("interleaf");
    const agent = createGraphAgent({ graph: interleavedGraph(), model: native, dialect: nativeDialect(), tools: [describeTool(log)], budgets: { maxToolCalls: 3 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.counters.toolCalls).toBe(3);
    expect(log).toHaveLength(3);
    expect(result.steps[1]?.calls[1]?.observation.error?.code).toBe("budget_exhausted");
    expect(result.stop?.reason).toBe("max_tool_calls");
  });

  it("ends at the model-turn budget", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(forever), dialect: r1v4Dialect(), tools: [describeTool()], budgets: { maxModelTurns: 4 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.stop?.reason).toBe("max_model_turns");
    expect(result.counters.modelTurns).toBe(4);
  });

  it("ends at the wall-clock limit, measured with the injected clock", async () => {
    let now = 0;
    const model = scriptedModel(() => {
      now += 40_000;
      return forever();
    });
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()], budgets: { maxWallClockMs: 100_000 }, now: () => now });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.stop?.reason).toBe("deadline");
    expect(result.counters.modelTurns).toBe(3);
  });

  it("ends after three malformed turns in a row", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(() => "no tags at all"), dialect: r1v4Dialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.stop?.reason).toBe("malformed_turns");
    expect(result.steps.map((s) => s.kind)).toEqual(["malformed", "malformed", "malformed"]);
  });
});

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AgentState, InterleafError, createGraphAgent, openStorage, r1v4Dialect, type AgentEvent } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer, call, describeTool } from "./helpers.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

describe("an interleaved run", () => {
  it("runs reason → tools → reason → answer and records every step with typed arguments", async () => {
    const log: string[] = [];
    const model = scriptedModel([call("describe", { image: "original image" }), call("describe", { note: "again" }), answer("576 by 1024")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool(log)] });
    const events: AgentEvent[] = [];
    const result = await agent.run({ question: "How large is the photo?", images: [photo] }, { onEvent: (e) => events.push(e) });

    expect(result.status).toBe("answered");
    expect(result.answer).toBe("576 by 1024");
    expect(result.steps.map((s) => s.kind)).toEqual(["tool_calls", "tool_calls", "answer"]);
    expect(result.steps[0]?.calls[0]?.arguments).toEqual({ image: "original image", note: "" });
    expect(result.steps[0]?.calls[0]?.observation.text).toBe("original image is 576×1024");
    expect(result.steps[1]?.calls[0]?.observation.data).toEqual({ width: 576, height: 1024 });
    expect(result.counters).toMatchObject({ toolCalls: 2, modelTurns: 3 });
    expect(log).toEqual(["original image:", "original:again"]);

    const types = events.map((e) => e.type);
    expect(types[0]).toBe("run_started");
    expect(types.filter((t) => t === "tool_call")).toHaveLength(2);
    expect(types.indexOf("tool_call")).toBeLessThan(types.indexOf("observation"));
    expect(types.at(-2)).toBe("answer");
  });

  it("runs the same without anyone listening to its events (run() without onEvent streams none)", async () => {
    const script = () => scriptedModel([call("describe", { image: "original image" }), answer("576 by 1024")]);
    const make = () => createGraphAgent({ graph: interleavedGraph(), model: script(), dialect: r1v4Dialect(), tools: [describeTool([])], now: () => 1_000, newThreadId: () => "t" });
    const events: AgentEvent[] = [];
    const heard = await make().run({ question: "How large is the photo?", images: [photo] }, { onEvent: (e) => events.push(e) });
    const unheard = await make().run({ question: "How large is the photo?", images: [photo] });
    expect(events.length).toBeGreaterThan(5);
    expect({ ...unheard, checkpointId: undefined }).toEqual({ ...heard, checkpointId: undefined });
    expect(unheard.steps.map((s) => s.kind)).toEqual(["tool_calls", "answer"]);
  });

  it("sends the model the image bytes only in requests, and keeps references in state", async () => {
    const images = new MemoryImageStore();
    const model = scriptedModel([answer("a bottle")]);
    const agent = createGraphAgent({
      graph: interleavedGraph(),
      model,
      dialect: r1v4Dialect(),
      storage: { ...(await openStorage("memory")), images },
    });
    const result = await agent.run({ question: "What is it?", images: [photo] });
    const state = await agent.state(result.threadId);
    expect(state?.images[0]).toMatchObject({ mime: "image/jpeg", width: 576, height: 1024 });
    expect(JSON.stringify(state)).not.toMatch(/base64|\/9j\//);
    expect(images.size).toBe(1);
    const sent = model.calls[0]?.request.messages.flatMap((m) => m.content).find((p) => p.type === "image");
    expect(sent?.type === "image" && sent.data && sent.data.byteLength > 1000).toBe(true);
    expect(sent?.type === "image" && sent.sentSize).toBeTruthy();
  });

  it("turns a malformed turn into an error observation the model sees next, then goes on", async () => {
    const model = scriptedModel(['<think>try</think><tool_call>{"name": "describe", "arguments": {</tool_call>', answer("fine")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.status).toBe("answered");
    expect(result.steps[0]).toMatchObject({ kind: "malformed" });
    expect(result.steps[0]?.problem).toMatch(/JSON/i);
    const second = JSON.stringify(model.calls[1]?.request.messages);
    expect(second).toContain(result.steps[0]?.problem?.slice(0, 20));
  });

  it("makes failing tools and invalid arguments observations, not crashes", async () => {
    const model = scriptedModel([call("describe", { image: "observation 7" }), call("describe", { note: 5 }), call("nope", {}), answer("done")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.status).toBe("answered");
    expect(result.steps[0]?.calls[0]?.observation.error?.code).toBe("image_not_found");
    expect(result.steps[0]?.calls[0]?.observation.text).toContain("known images");
    expect(result.steps[1]?.calls[0]?.observation.error?.code).toBe("tool_input_invalid");
    expect(result.steps[2]?.kind).toBe("malformed");
    expect(result.steps[2]?.problem).toContain("describe");
  });

  it("opens its storage from a spec, else INTERLEAF_DB, else memory: no file is written by default", async () => {
    const { existsSync, mkdtempSync, readdirSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "interleaf-default-db-"));
    const explicit = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("x")]), dialect: r1v4Dialect(), storage: join(dir, "runs.db") });
    await explicit.run({ question: "?" });
    expect((await explicit.storage()).location).toBe(join(dir, "runs.db"));
    expect(existsSync(join(dir, "runs.db"))).toBe(true);
    await explicit.close();

    const cwd = process.cwd();
    const env = process.env.INTERLEAF_DB;
    process.chdir(dir);
    try {
      delete process.env.INTERLEAF_DB;
      const byDefault = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("y")]), dialect: r1v4Dialect() });
      const result = await byDefault.run({ question: "?" });
      expect(result.answer).toBe("y");
      expect((await byDefault.storage()).location).toBe("memory");
      await byDefault.close();
      expect(readdirSync(dir)).toEqual(["runs.db"]);

      process.env.INTERLEAF_DB = join(dir, "from-env.db");
      const fromEnv = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("z")]), dialect: r1v4Dialect() });
      await fromEnv.run({ question: "?" });
      expect((await fromEnv.storage()).location).toBe(join(dir, "from-env.db"));
      await fromEnv.close();
    } finally {
      process.chdir(cwd);
      process.env.INTERLEAF_DB = env;
    }
    await expect(createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([]), dialect: r1v4Dialect(), storage: "mysql://nope" }).run({ question: "?" })).rejects.toSatisfy(
      (e) => InterleafError.isInstance(e) && e.code === "config_invalid",
    );
  });

  it("runs a custom graph whose state extends the agent state with the user's own fields", async () => {
    const { StateSchema, StateGraph, START, END } = await import("@langchain/langgraph");
    const { z } = await import("zod");
    const { agentStateFields } = await import("interleaf");
    const { reasonNode, toolsNode, routeAfterReason } = await import("interleaf/nodes");
    const Extended = new StateSchema({ ...agentStateFields, notes: z.array(z.string()).default(() => []) });
    const note = async (state: typeof Extended.State) => ({ notes: [...state.notes, `after ${state.steps.length} steps`] });
    const graph = new StateGraph(Extended)
      .addNode("reason", reasonNode)
      .addNode("tools", toolsNode)
      .addNode("note", note)
      .addEdge(START, "reason")
      .addConditionalEdges("reason", (s) => (routeAfterReason(s) === "finish" ? "note" : routeAfterReason(s)), ["tools", "note", "reason", END])
      .addEdge("tools", "note")
      .addConditionalEdges("note", (s) => (s.answer === null ? "reason" : END), ["reason", END]);
    const agent = createGraphAgent({ graph, model: scriptedModel([call("describe", {}), answer("ok")]), dialect: r1v4Dialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    const state = (await agent.state(result.threadId)) as unknown as typeof Extended.State;
    expect(result.answer).toBe("ok");
    expect(state.notes).toEqual(["after 1 steps", "after 2 steps"]);
    expect(AgentState.fields.steps).toBe(Extended.fields.steps);
  });
});

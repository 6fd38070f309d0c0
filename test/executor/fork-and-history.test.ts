import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BudgetsSchema } from "../../src/state/budgets.js";
import { createGraphAgent, openStorage, r1v4Dialect, InterleafError } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer, call, describeTool } from "./helpers.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const script = [call("describe", { note: "first" }), call("describe", { note: "second" }), answer("original answer")];

describe("history and fork", () => {
  it("lists every checkpoint of a thread with a summary, newest first", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [describeTool()] });
    await agent.run({ question: "How big?", images: [photo] }, { threadId: "h" });
    const history = await agent.history("h");
    expect(history[0]?.summary).toBe("finished (answer): original answer");
    expect(history.at(-1)?.source).toBe("input");
    expect(history.map((h) => h.superstep)).toEqual([...history.map((h) => h.superstep)].sort((a, b) => b - a));
    expect(history.some((h) => h.summary.startsWith('step 1: model asked for describe({"note":"second"})'))).toBe(true);
    expect(history.some((h) => h.summary === "step 0: ran describe")).toBe(true);
    for (const [i, h] of history.entries()) if (i < history.length - 1) expect(h.parentCheckpointId).toBe(history[i + 1]?.checkpointId);
    await expect(agent.history("missing")).rejects.toSatisfy((e) => InterleafError.isInstance(e) && e.code === "thread_not_found");
  });

  it("forks a new thread from any checkpoint and continues it with another backend, leaving the original intact", async () => {
    const storage = await openStorage("memory");
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [describeTool()], storage });
    const original = await agent.run({ question: "How big?", images: [photo] }, { threadId: "orig" });
    const afterFirst = (await agent.history("orig")).find((h) => h.steps === 1 && h.next.includes("reason"));
    expect(afterFirst).toBeDefined();

    const other = scriptedModel([script[0] as string, answer("a different answer")]);
    const forkId = await agent.fork("orig", { checkpointId: afterFirst?.checkpointId, newThreadId: "fork" });
    expect((await agent.state("fork"))?.steps).toHaveLength(1);
    const forked = await agent.with({ model: other }).resume(forkId);

    expect(forked.answer).toBe("a different answer");
    expect(forked.steps.map((s) => s.kind)).toEqual(["tool_calls", "answer"]);
    expect(forked.steps[0]).toEqual(original.steps[0]);
    expect(other.calls).toHaveLength(1);
    expect((await agent.state("orig"))?.answer).toBe("original answer");
    expect((await agent.state("orig"))?.steps).toHaveLength(3);
    await storage.close();
  });

  it("forks with a state edit and from the input checkpoint", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [describeTool()] });
    await agent.run({ question: "How big?", images: [photo], budgets: { maxToolCalls: 7 } }, { threadId: "src" });
    const input = (await agent.history("src")).at(-1);
    const fresh = await agent.fork("src", { checkpointId: input?.checkpointId });
    const started = await agent.state(fresh);
    const ran = await agent.state("src");
    expect(started?.question).toBe("How big?");
    expect(started?.images).toEqual(ran?.images);
    expect(started?.images).toHaveLength(1);
    expect(started?.budgets.maxToolCalls).toBe(7);
    expect(started?.steps).toEqual([]);
    const rerun = await agent.resume(fresh);
    expect(rerun.answer).toBe("original answer");
    expect(rerun.steps).toHaveLength(3);

    const latestBeforeAnswer = (await agent.history("src")).find((h) => h.steps === 2);
    const edited = await agent.fork("src", { checkpointId: latestBeforeAnswer?.checkpointId, update: { budgets: BudgetsSchema.parse({ maxToolCalls: 2, maxModelTurns: 40, maxWallClockMs: 60_000, maxMalformedTurns: 3 }) } });
    const limited = await agent.resume(edited);
    expect(limited.stop?.reason).toBe("max_tool_calls");
    await expect(agent.fork("src", { checkpointId: "nope" })).rejects.toSatisfy((e) => InterleafError.isInstance(e) && e.code === "checkpoint_not_found");
  });
});

import { describe, expect, it } from "vitest";
import { createGraphAgent, r1v4Dialect, type AgentEvent, type ModelRequest } from "interleaf";
import { textOf } from "../../src/models/messages.js";
import { scriptedModel } from "interleaf/testing";
import { planAndExecuteGraph } from "../../graphs/plan-and-execute/index.js";
import { planConsistencyOf } from "../../src/planning/index.js";
import { plannerGraph } from "../../graphs/planner/index.js";
import type { PlanExecuteStateValue } from "../../src/planning/index.js";
import { PAPER_PLAN, WEB, photo, searchWeb, type Log } from "./helpers.js";
import { fillRequest, roleOf } from "./scripted-roles.js";

/** Fills placeholders the way a careful model would: from the cited results' text. */
function fill(request: ModelRequest): string {
  const { planned, results } = fillRequest(request);
  const json = JSON.stringify(planned)
    .replace(/\[Landmark identified in Step 1\]/g, results.includes("Tokyo Tower") ? "Tokyo Tower" : "?")
    .replace(/\[URL of the facts page from Step 2\]/g, /https:\/\/example\.org\/tower-facts/.exec(results)?.[0] ?? "?");
  return `<think>Filling from the results.</think>${json}`;
}

const ANSWER = "<think>Step 4 confirms 333 metres; Step 3 names Tachū Naitō.</think><answer>333 metres, designed by Tachū Naitō</answer>";

/** A latch: resolves when both names have arrived; fails the test instead of hanging. */
function meeting(names: string[]) {
  const arrived = new Set<string>();
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return (name: string) => {
    arrived.add(name);
    if (names.every((n) => arrived.has(n))) open();
    return Promise.race([all, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`only ${[...arrived].join(", ")} started: the steps did not run in parallel`)), 5000))]);
  };
}

describe("plan and execute", () => {
  it("runs independent steps in parallel, fills placeholders from cited results, verifies and answers", async () => {
    const log: Log = [];
    const meet = meeting(["height", "architect"]);
    const tools = searchWeb(WEB, log, {
      onStart: (name, input) => {
        const q = JSON.stringify(input);
        if (name === "text_search") return meet(q.includes("height") ? "height" : "architect");
      },
    });
    const model = scriptedModel((request) => {
      const role = roleOf(request);
      if (role === "planner") return `<think>Identify, then search.</think><plan>${JSON.stringify(PAPER_PLAN)}</plan>`;
      if (role === "fill") return fill(request);
      if (role === "verify") return ANSWER;
      throw new Error(`unexpected ${role} call`);
    });
    const agent = createGraphAgent({ graph: planAndExecuteGraph(), model, dialect: r1v4Dialect(), tools });
    const events: AgentEvent[] = [];
    const result = await agent.run({ question: "How tall is this tower and who designed it?", images: [photo] }, { onEvent: (e) => events.push(e) });

    expect(result.status).toBe("answered");
    expect(result.answer).toBe("333 metres, designed by Tachū Naitō");
    // order: step 1 alone, then steps 2 and 3 together, then step 4, then the verification
    expect(log[0]).toBe('start image_search ["original image"]');
    expect(log[1]).toBe("end image_search");
    expect(log.slice(2, 4).every((l) => l.startsWith("start text_search"))).toBe(true);
    expect(log.slice(4, 6).sort()).toEqual(["end text_search", "end text_search"]);
    expect(log.slice(6)).toEqual(['start web_visit ["https://example.org/tower-facts"]', "end web_visit"]);
    expect(result.steps.map((s) => s.kind)).toEqual(["tool_calls", "tool_calls", "tool_calls", "tool_calls", "answer"]);
    expect(result.steps.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(result.counters).toMatchObject({ toolCalls: 4, modelTurns: 1 + 3 + 1 });

    const state = (await agent.state(result.threadId)) as unknown as PlanExecuteStateValue;
    expect(state.plans).toHaveLength(1);
    const step2 = state.planResults["0:2"];
    expect(step2).toMatchObject({ status: "done", parameters: { queries: ["Tokyo Tower height"] }, filled: { planned: { queries: ["[Landmark identified in Step 1] height"] }, attempts: 1 } });
    expect(state.planResults["0:4"]?.parameters).toEqual({ urls: ["https://example.org/tower-facts"] });
    expect(state.planResults["0:1"]?.filled).toBeUndefined();
    // the verifier saw every result and the image
    const verify = model.calls.find((c) => roleOf(c.request) === "verify")?.request;
    expect(textOf(verify?.messages[1]?.content ?? [])).toContain("Tokyo Tower, completed in 1958, is 333 metres tall.");
    expect(verify?.messages[1]?.content.some((p) => p.type === "image")).toBe(true);

    const report = planConsistencyOf(state);
    expect(report.consistent).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(["matched", "matched", "matched", "matched", "reasoning"]);
    expect(report.summary).toBe("4/4 tool steps matched, 0 unplanned calls");
    expect(events.filter((e) => e.type === "tool_call")).toHaveLength(4);
  });

  it("replans the remaining steps after a failed step, keeping each plan version in history", async () => {
    const log: Log = [];
    const tools = searchWeb(WEB, log, { fail: (name, input) => (name === "text_search" && JSON.stringify(input).includes("height") ? "the search service is down" : undefined) });
    const replans: string[] = [];
    const model = scriptedModel((request) => {
      const role = roleOf(request);
      if (role === "planner") return `<plan>${JSON.stringify(PAPER_PLAN)}</plan>`;
      if (role === "fill") return fill(request);
      if (role === "replan") {
        replans.push(textOf(request.messages[1]?.content ?? []));
        return `<plan>${JSON.stringify([
          { description: "Read the facts page of [Landmark identified in Step 1] directly.", tool_name: "web_visit", parameters: { url: "https://example.org/tower-facts" } },
          { description: "Answer from Steps 2 and 3.", tool_name: "none", parameters: {} },
        ])}</plan>`;
      }
      if (role === "verify") return ANSWER;
      throw new Error(`unexpected ${role} call`);
    });
    const agent = createGraphAgent({ graph: planAndExecuteGraph(), model, dialect: r1v4Dialect(), tools });
    const result = await agent.run({ question: "How tall is this tower and who designed it?", images: [photo] });
    expect(result.status).toBe("answered");

    const state = (await agent.state(result.threadId)) as unknown as PlanExecuteStateValue;
    expect(state.plans.map((p) => p.version)).toEqual([0, 1]);
    expect(state.plans[1]).toMatchObject({ kept: 2, reason: expect.stringMatching(/^step 2 failed: .*the search service is down/) });
    expect(state.plans[1]?.steps.map((s) => s.tool_name)).toEqual(["image_search", "text_search", "web_visit", "none"]);
    // done steps 1 and 3 became 1 and 2; the replanner was told what they found and what failed
    expect(state.plans[1]?.steps[1]?.parameters).toEqual({ queries: ["[Landmark identified in Step 1] architect"] });
    expect(replans[0]).toContain("Step 2 (text_search)");
    expect(replans[0]).toContain("Problem: the search service is down");
    expect(state.planResults["1:2"]).toMatchObject({ carried: true, status: "done", parameters: { queries: ["Tokyo Tower architect"] } });
    expect(state.planResults["0:2"]).toMatchObject({ status: "failed", error: { code: "search_failed" } });
    expect(state.planResults["1:3"]).toMatchObject({ status: "done", parameters: { urls: ["https://example.org/tower-facts"] } });
    expect(log.filter((l) => l.startsWith("start web_visit"))).toHaveLength(1);

    // each version is checkpointed: some checkpoint has exactly the first version
    const history = await agent.history(result.threadId);
    const counts = new Set<number>();
    for (const h of history) {
      const s = await agent.state(result.threadId, h.checkpointId);
      counts.add(s?.plans.length ?? 0);
    }
    expect([...counts].sort()).toEqual([0, 1, 2]);

    const report = planConsistencyOf(state);
    expect(report.steps.map((s) => s.status)).toEqual(["matched", "matched", "matched", "reasoning"]);
    expect(report.unplanned.map((c) => c.callId)).toEqual(["plan-v0-s2"]);
  });

  it("stops with plan_failed when the planner never gives a valid plan", async () => {
    const model = scriptedModel(() => "I would rather just answer.");
    const agent = createGraphAgent({ graph: planAndExecuteGraph(), model, dialect: r1v4Dialect(), tools: searchWeb(WEB) });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.status).toBe("stopped");
    expect(result.stop).toMatchObject({ reason: "plan_failed", message: expect.stringMatching(/no valid plan after 2 attempts/) });
  });

  it("plan mode returns the validated plan only", async () => {
    const model = scriptedModel([`<think>t</think><plan>${JSON.stringify(PAPER_PLAN)}</plan>`]);
    const agent = createGraphAgent({ graph: plannerGraph(), model, dialect: r1v4Dialect(), tools: searchWeb(WEB) });
    const result = await agent.run({ question: "How tall is this tower?", images: [photo] });
    expect(result.status).toBe("answered");
    expect(result.steps).toEqual([]);
    const plan = JSON.parse(result.answer ?? "[]") as { tool_name: string; parameters: unknown }[];
    expect(plan[1]).toMatchObject({ tool_name: "text_search", parameters: { queries: ["[Landmark identified in Step 1] height"] } });
    const state = await agent.state(result.threadId);
    expect(state?.plans[0]).toMatchObject({ version: 0, thought: "t", planner: "scripted:script" });
  });

  it("hybrid mode gives the plan to the interleaved agent as guidance, one option apart", async () => {
    const model = scriptedModel((request) => {
      const role = roleOf(request);
      if (role === "planner") return `<plan>${JSON.stringify([...PAPER_PLAN.slice(0, 2), { description: "Answer with the height.", tool_name: "none", parameters: {} }])}</plan>`;
      const turn = request.messages.filter((m) => m.role === "assistant").length;
      return [
        '<think>Step 1 of the plan.</think><tool_call>{"name": "image_search", "arguments": {"image_paths": ["original image"]}}</tool_call>',
        '<think>It is Tokyo Tower.</think><tool_call>{"name": "text_search", "arguments": {"queries": ["Tokyo Tower height"]}}</tool_call>',
        "<think>333 m.</think><answer>333 metres</answer>",
      ][turn] ?? "";
    });
    const agent = createGraphAgent({ graph: planAndExecuteGraph({ mode: "guidance" }), model, dialect: r1v4Dialect(), tools: searchWeb(WEB), instructions: "Be brief." });
    const result = await agent.run({ question: "How tall is this tower?", images: [photo] });
    expect(result.answer).toBe("333 metres");
    expect(model.calls.map((c) => roleOf(c.request))).toEqual(["planner", "agent", "agent", "agent"]);
    const system = textOf(model.calls[1]?.request.messages[0]?.content ?? []);
    expect(system).toContain("Be brief.");
    expect(system).toContain("Use it as guidance");
    expect(system).toContain('Step 2: text_search {"queries":["[Landmark identified in Step 1] height"]}  (needs Step 1)');
    const report = planConsistencyOf((await agent.state(result.threadId))!);
    expect(report.consistent).toBe(true);
  });
});

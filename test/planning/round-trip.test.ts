import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { ToolRegistry, createGraphAgent, r1v4Dialect, type ModelBackend, type ModelRequest } from "interleaf";
import { scriptedModel, withCassette } from "interleaf/testing";
import { interleavedGraph } from "interleaf/graphs";
import { planAndExecuteGraph } from "../../graphs/plan-and-execute/index.js";
import { planConsistency, planConsistencyOf, planFromTrajectory, validatePlan, type PlanExecuteStateValue } from "../../src/planning/index.js";
import { toPlannerParameters } from "../../src/planning/executor-parameters.js";
import { WEB, photo, searchWeb } from "./helpers.js";
import { fillRequest, roleOf } from "./scripted-roles.js";

const cassettes = fileURLToPath(new URL("./cassettes", import.meta.url));
const QUESTION = "How tall is this tower?";

const AGENT_TURNS = [
  '<think>Identify the landmark first.</think><tool_call>{"name": "image_search", "arguments": {"image_paths": ["original image"]}}</tool_call>',
  '<think>It is Tokyo Tower. Search its height.</think><tool_call>{"name": "text_search", "arguments": {"queries": ["Tokyo Tower height"]}}</tool_call>',
  '<think>Read the facts page to confirm.</think><tool_call>{"name": "web_visit", "arguments": {"urls": ["https://example.org/tower-facts"]}}</tool_call>',
  "<think>The page says 333 metres.</think><answer>333 metres</answer>",
];

/** A resolver that fills "[value, from Step k]" with the value when the cited results contain it. */
function executorTurn(request: ModelRequest): string {
  const role = roleOf(request);
  if (role === "verify") return "<think>Step 3 confirms it.</think><answer>333 metres</answer>";
  if (role !== "fill") throw new Error(`unexpected ${role} call`);
  const { planned, results } = fillRequest(request);
  return JSON.stringify(planned).replace(/\[([^[\]]+?), from Step \d+\]/g, (whole, value: string) => (results.includes(value) ? value : whole));
}

/** In replay, a live call is a failure: the cassette must serve everything. */
const offline = (name: string): ModelBackend => ({
  specificationVersion: "v1",
  provider: "offline",
  modelId: name,
  generate: () => Promise.reject(new Error(`${name} went live during a replay`)),
});

describe("trajectory → plan → execution", () => {
  it("derives a plan with placeholders from a finished run and executes it to the same calls (replayed from a cassette)", async () => {
    await withCassette(
      "round-trip",
      async (cassette) => {
        const live = (make: () => ModelBackend, name: string) => cassette.model(() => (cassette.mode === "replay" ? offline(name) : make()), { name });
        const tools = new ToolRegistry(cassette.tools(searchWeb(WEB)));

        const first = createGraphAgent({ graph: interleavedGraph(), model: live(() => scriptedModel(AGENT_TURNS), "agent"), dialect: r1v4Dialect(), tools });
        const run = await first.run({ question: QUESTION, images: [photo] });
        expect(run.answer).toBe("333 metres");

        const derived = planFromTrajectory(run.steps, { question: QUESTION });
        expect(derived).toEqual([
          { description: "Identify the landmark first.", tool_name: "image_search", parameters: { image_paths: ["original image"] } },
          { description: "It is Tokyo Tower.", tool_name: "text_search", parameters: { queries: ["[Tokyo Tower, from Step 1] height"] } },
          { description: "Read the facts page to confirm.", tool_name: "web_visit", parameters: { urls: ["[https://example.org/tower-facts, from Step 2]"] } },
          { description: "Verify the answer against the results of Steps 1-3 and give the final answer. The page says 333 metres.", tool_name: "none", parameters: {} },
        ]);
        expect(toPlannerParameters(derived[1]?.parameters ?? {})).toEqual({ query: "[Tokyo Tower, from Step 1] height" });
        const valid = validatePlan(derived, { tools });
        expect(valid.success && valid.dependencies.needs).toEqual([[], [1], [2], [1, 2, 3]]);
        expect(planConsistency(derived, run.steps).consistent).toBe(true);

        // execute the derived plan
        const planner = { specificationVersion: "v1" as const, name: "derived", plan: async () => ({ steps: derived, dependencies: valid.success ? valid.dependencies : { needs: [], waves: [] }, thought: "", raw: "", attempts: 0, usage: { inputTokens: 0, outputTokens: 0 }, planner: "derived" }) };
        const executor = live(() => scriptedModel(executorTurn), "executor");
        const second = createGraphAgent({ graph: planAndExecuteGraph({ planner }), model: executor, dialect: r1v4Dialect(), tools });
        const replayed = await second.run({ question: QUESTION, images: [photo] });
        expect(replayed.answer).toBe("333 metres");
        const state = (await second.state(replayed.threadId)) as unknown as PlanExecuteStateValue;
        expect(planConsistencyOf(state).consistent).toBe(true);
        // the execution made the same tool calls as the original run
        const calls = (steps: typeof run.steps) => steps.flatMap((s) => s.calls.map((c) => [c.name, c.arguments]));
        expect(calls(replayed.steps)).toEqual(calls(run.steps));
        expect(state.planResults["0:2"]?.filled?.raw).toBe('{"queries":["Tokyo Tower height"]}');
      },
      { dir: cassettes },
    );
  });
});

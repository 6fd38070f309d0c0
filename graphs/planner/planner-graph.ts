import { END, START, StateGraph } from "@langchain/langgraph";
import { AgentState, type AgentStateUpdate, type AgentStateValue } from "../../src/index.js";
import { emit } from "../../src/executor/agent-events.js";
import { createPlanNode, type PlannerChoice } from "../../nodes/planning/plan-node.js";
import type { NodeRuntime } from "../../nodes/index.js";
import { plural } from "../../src/util/plural.js";
import type { AgentStateGraph } from "../graph-types.js";

/** Options for {@link plannerGraph}. */
export interface PlannerGraphOptions {
  /** Default: R1V4's plan-mode prompt over the run's model. */
  planner?: PlannerChoice;
}

/** Publishes the plan as the run's answer (R1V4's plan mode outputs the plan and nothing else). */
async function publishPlan(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
  const plan = state.plans.at(-1);
  if (!plan || state.stop) return {};
  const answer = JSON.stringify(plan.steps);
  emit(runtime.writer, { type: "answer", step: state.steps.length, answer });
  return { answer, stop: { reason: "answer", message: `the planner wrote a plan of ${plural(plan.steps.length, "step")}` } };
}

/**
 * R1V4's plan mode as a graph: `plan → publish`. The validated plan is in `plans[0]` of the
 * thread's state and, as a JSON array, in the run's `answer`; nothing is executed.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { plannerGraph } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({
 *   graph: plannerGraph(),
 *   model: scriptedModel(['<plan>[{"description": "Answer from the image", "tool_name": "none", "parameters": {}}]</plan>']),
 *   dialect: r1v4Dialect(),
 * });
 * const result = await agent.run({ question: "What colour is the mug?" });
 * console.log(JSON.parse(result.answer ?? "[]").length); // 1
 * ```
 */
export function plannerGraph(options: PlannerGraphOptions = {}): AgentStateGraph {
  return new StateGraph(AgentState)
    .addNode("plan", createPlanNode(options.planner ? { planner: options.planner } : {}))
    .addNode("publish", publishPlan)
    .addEdge(START, "plan")
    .addEdge("plan", "publish")
    .addEdge("publish", END);
}

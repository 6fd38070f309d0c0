import { END, START, StateGraph } from "@langchain/langgraph";
import type { ModelBackend, ToolCallRecord } from "../../src/index.js";
import { PlanExecuteState } from "../../src/planning/index.js";
import { answerNode } from "../../nodes/index.js";
import { createPlanNode, type PlannerChoice } from "../../nodes/planning/plan-node.js";
import {
  createExecutePlanStepNode,
  createReplanNode,
  createVerifyPlanNode,
  planGuidedReasonNode,
  routePlan,
  schedulePlanNode,
} from "../../nodes/planning/index.js";
import { interleavedGraph } from "../interleaved/interleaved-graph.js";
import type { AgentStateGraph, PlanExecuteStateGraph } from "../graph-types.js";

/** Options for {@link planAndExecuteGraph}. */
export interface PlanAndExecuteOptions {
  /**
   * `execute` (default): run the plan's steps as planned, in parallel where the dependencies
   * allow; `guidance`: give the plan to the interleaved agent as guidance (R1V4's hybrid mode).
   */
  mode?: "execute" | "guidance";
  /** Default: R1V4's plan-mode prompt over the run's model. */
  planner?: PlannerChoice;
  /** The model that fills placeholders and runs reasoning and verification steps (default the run's model). */
  resolver?: ModelBackend;
  /** Revisions after a failed or empty step (default 2). */
  maxReplans?: number;
  /** Whether a call found nothing (default: no images and only "No results." lines). */
  isEmpty?: (record: ToolCallRecord) => boolean;
}

/**
 * Plan, then execute: `plan → schedule → execute ×N (LangGraph Send, parallel) → schedule → …
 * → verify → finish`. Every step whose dependencies are met runs in the same superstep; each
 * step's placeholders are filled from the results it cites (by a model call, recorded in
 * `planResults`); `none` steps are reasoning turns; the final step verifies and answers. A step
 * that fails or finds nothing triggers a replan of the remaining steps (at most `maxReplans`),
 * each plan version appended to `plans` and checkpointed. With `mode: "guidance"` the same
 * plan instead guides the interleaved agent.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { planAndExecuteGraph } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const model = scriptedModel(
 *   [
 *     '<plan>[{"description": "Answer from the image", "tool_name": "none", "parameters": {}}]</plan>',
 *     "<think>The mug is black.</think><answer>black</answer>",
 *   ],
 *   { turnIndex: "sequential" },
 * );
 * const agent = createGraphAgent({ graph: planAndExecuteGraph(), model, dialect: r1v4Dialect() });
 * const result = await agent.run({ question: "What colour is the mug?" });
 * console.log(result.answer); // "black"
 * ```
 */
export function planAndExecuteGraph(options: PlanAndExecuteOptions = {}): AgentStateGraph | PlanExecuteStateGraph {
  const planner = options.planner ? { planner: options.planner } : {};
  if (options.mode === "guidance") return interleavedGraph({ plan: createPlanNode(planner), reason: planGuidedReasonNode });
  const resolver = options.resolver ? { resolver: options.resolver } : {};
  return new StateGraph(PlanExecuteState)
    .addNode("plan", createPlanNode(planner))
    .addNode("schedule", schedulePlanNode)
    .addNode("execute", createExecutePlanStepNode({ ...resolver, ...(options.isEmpty ? { isEmpty: options.isEmpty } : {}) }))
    .addNode("replan", createReplanNode(planner))
    .addNode("verify", createVerifyPlanNode(resolver))
    .addNode("finish", answerNode)
    .addEdge(START, "plan")
    .addEdge("plan", "schedule")
    .addConditionalEdges("schedule", routePlan({ maxReplans: options.maxReplans ?? 2 }), ["execute", "replan", "verify", END])
    .addEdge("execute", "schedule")
    .addEdge("replan", "schedule")
    .addEdge("verify", "finish")
    .addEdge("finish", END);
}

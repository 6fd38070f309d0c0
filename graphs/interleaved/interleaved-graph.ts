import { END, START, StateGraph } from "@langchain/langgraph";
import { AgentState, type AgentStateUpdate, type AgentStateValue } from "../../src/index.js";
import type { AgentStateGraph } from "../graph-types.js";
import { answerNode, reasonNode, routeAfterReason, toolsNode, type NodeRuntime } from "../../nodes/index.js";

/** A node of the interleaved graph, replaceable through {@link InterleavedGraphOptions}. */
export type AgentNode = (state: AgentStateValue, runtime: NodeRuntime) => Promise<AgentStateUpdate>;

/** Options for {@link interleavedGraph}: replace any of its nodes, or add a plan step. */
export interface InterleavedGraphOptions {
  /** A step that runs once before the first model turn, e.g. `createPlanNode()`. Default: none. */
  plan?: AgentNode;
  reason?: AgentNode;
  tools?: AgentNode;
  answer?: AgentNode;
}

/**
 * R1V4's interleaved loop as a LangGraph graph: `reason → tools → reason … → finish`, with a
 * `plan` step first when you pass one. Which abilities it has (visual operations only, or search
 * too) is the tool set it runs with; see `defaultTools`. Compile it through `createGraphAgent`,
 * which adds the checkpointer.
 *
 * @example
 * ```ts
 * import { interleavedGraph } from "interleaf/graphs";
 * import { createPlanNode } from "interleaf/nodes";
 *
 * console.log(Object.keys(interleavedGraph().nodes)); // [ 'reason', 'tools', 'finish' ]
 * console.log(Object.keys(interleavedGraph({ plan: createPlanNode() }).nodes)); // [ 'reason', 'tools', 'finish', 'plan' ]
 * ```
 */
export function interleavedGraph(options: InterleavedGraphOptions = {}): AgentStateGraph {
  const loop = new StateGraph(AgentState)
    .addNode("reason", options.reason ?? reasonNode)
    .addNode("tools", options.tools ?? toolsNode)
    .addNode("finish", options.answer ?? answerNode)
    .addConditionalEdges("reason", routeAfterReason, ["tools", "finish", "reason", END])
    .addEdge("tools", "reason")
    .addEdge("finish", END);
  if (!options.plan) return loop.addEdge(START, "reason");
  return loop.addNode("plan", options.plan).addEdge(START, "plan").addEdge("plan", "reason");
}

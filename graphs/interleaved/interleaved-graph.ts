import { END, START, StateGraph } from "@langchain/langgraph";
import { AgentState, type AgentStateUpdate, type AgentStateValue } from "../../src/index.js";
import { answerNode, planNode, reasonNode, routeAfterReason, toolsNode, type NodeRuntime } from "../../nodes/index.js";

/** A node of the interleaved graph, replaceable through {@link InterleavedGraphOptions}. */
export type AgentNode = (state: AgentStateValue, runtime: NodeRuntime) => Promise<AgentStateUpdate>;

/** Options for {@link interleavedGraph}: replace any of its nodes. */
export interface InterleavedGraphOptions {
  plan?: AgentNode;
  reason?: AgentNode;
  tools?: AgentNode;
  answer?: AgentNode;
}

/**
 * R1V4's interleaved loop as a LangGraph graph: `plan → reason → tools → reason … → finish`.
 * Which abilities it has (visual operations only, or search too) is the tool set it runs with;
 * see `defaultTools`. Compile it through `createAgent`, which adds the checkpointer.
 *
 * @example
 * ```ts
 * import { interleavedGraph } from "interleaf/graphs";
 *
 * const graph = interleavedGraph();
 * console.log(Object.keys(graph.nodes)); // [ 'plan', 'reason', 'tools', 'finish' ]
 * ```
 */
export function interleavedGraph(options: InterleavedGraphOptions = {}) {
  return new StateGraph(AgentState)
    .addNode("plan", options.plan ?? planNode)
    .addNode("reason", options.reason ?? reasonNode)
    .addNode("tools", options.tools ?? toolsNode)
    .addNode("finish", options.answer ?? answerNode)
    .addEdge(START, "plan")
    .addEdge("plan", "reason")
    .addConditionalEdges("reason", routeAfterReason, ["tools", "finish", "reason", END])
    .addEdge("tools", "reason")
    .addEdge("finish", END);
}

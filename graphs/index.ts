/**
 * Ready agents assembled from `interleaf/nodes`: R1V4's interleaved loop, its plan mode, and
 * plan-and-execute; the default tool set for each mode.
 *
 * @packageDocumentation
 * @module interleaf/graphs
 */
export { interleavedGraph, type InterleavedGraphOptions, type AgentNode } from "./interleaved/interleaved-graph.js";
export type { AgentStateGraph, PlanExecuteStateGraph } from "./graph-types.js";
export { defaultTools, type DefaultToolsOptions } from "./default-tools.js";
export { AGENT_MODES, type AgentMode } from "./agent-modes.js";
export { plannerGraph, type PlannerGraphOptions } from "./planner/index.js";
export { planAndExecuteGraph, type PlanAndExecuteOptions } from "./plan-and-execute/index.js";
export * from "./agent-spec/index.js";
export * from "./hosted-r1v4/index.js";

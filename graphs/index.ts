export { interleavedGraph, type InterleavedGraphOptions, type AgentNode } from "./interleaved/interleaved-graph.js";
export { defaultTools, type DefaultToolsOptions } from "./default-tools.js";
export { AGENT_MODES, type AgentMode } from "./agent-modes.js";
export { plannerGraph, type PlannerGraphOptions } from "./planner/index.js";
export { planAndExecuteGraph, planConsistencyOf, type PlanAndExecuteOptions } from "./plan-and-execute/index.js";

export { interleavedGraph, type InterleavedGraphOptions, type AgentNode } from "./interleaved/interleaved-graph.js";
export { defaultTools, type DefaultToolsOptions } from "./default-tools.js";
export { cliEnvironment } from "./cli-environment.js";
export { demoCommand } from "./demo/demo-command.js";
export { DEMO_QUESTION, DEMO_TURNS } from "./demo/demo-script.js";
export { plannerGraph, type PlannerGraphOptions } from "./planner/index.js";
export { planAndExecuteGraph, type PlanAndExecuteOptions } from "./plan-and-execute/index.js";
export { planCommand, PLAN_OPTIONS, PLAN_COMMAND_DESCRIPTION } from "./commands/plan-command.js";
export { r1v4PlanningTools } from "./commands/planning-tools.js";

export { interleavedGraph, type InterleavedGraphOptions, type AgentNode } from "./interleaved/interleaved-graph.js";
export { defaultTools, type DefaultToolsOptions } from "./default-tools.js";
export { cliEnvironment } from "./cli-environment.js";
export { demoCommand } from "./demo/demo-command.js";
export { DEMO_QUESTION, DEMO_TURNS } from "./demo/demo-script.js";

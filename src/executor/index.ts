export { Agent, createAgent, type AgentOptions, type RunOptions, type ForkOptions } from "./agent.js";
export type { AgentContext } from "./agent-context.js";
export * from "./agent-events.js";
export type { AgentGraph, CompiledAgentGraph } from "./agent-graph.js";
export { summarizeCheckpoint, type CheckpointSummary } from "./checkpoint-summary.js";
export { ingestInputImages, type ImageInput, type RunInput } from "./run-input.js";
export type { RunResult, RunStatus } from "./run-result.js";
export { resolveRequestImages } from "./resolve-request-images.js";

/**
 * What you touch to build and run an agent: {@link createGraphAgent} and its options, results and
 * events; the agent state; the extension points (model backends, dialects, tools, stores, search,
 * sandbox, planner); the built-in model backends and dialect presets; storage; errors.
 *
 * Domains that only some users need have their own entry points: `interleaf/images`,
 * `interleaf/search`, `interleaf/storage`, `interleaf/planning`, `interleaf/sandbox`,
 * `interleaf/nodes`, `interleaf/graphs`, `interleaf/testing` and `interleaf/conformance`.
 *
 * @packageDocumentation
 * @module interleaf
 */

// Running an agent.
export { Agent, createGraphAgent, type AgentOptions, type RunOptions, type ForkOptions } from "./executor/agent.js";
export type { AgentContext } from "./executor/agent-context.js";
export type { AgentEvent, AgentEventType } from "./executor/agent-events.js";
export type { AgentGraph, CompiledAgentGraph } from "./executor/agent-graph.js";
export type { CheckpointSummary } from "./executor/checkpoint-summary.js";
export type { ImageInput, RunInput } from "./executor/run-input.js";
export type { RunResult, RunStatus } from "./executor/run-result.js";

// The agent state.
export { AgentState, agentStateFields, type AgentStateUpdate, type AgentStateValue } from "./state/agent-state.js";
export type { TrajectoryStep, ToolCallRecord, Observation, Usage } from "./state/trajectory.js";
export type { PlanStep, PlanVersion } from "./planning/plan.js";
export type { Budgets, Counters, Stop, StopReason } from "./state/budgets.js";
export type { PendingTurn } from "./state/pending-turn.js";
export type { ImageRef } from "./images/image-ref.js";

// Model backends.
export type { ModelBackend, ModelRequest, ModelResponse, ToolSpec } from "./models/model-backend.js";
export type { ContentPart, ImagePart, ModelMessage, TextPart, ToolCallRequest } from "./models/messages.js";
export { openAICompatibleModel, type OpenAICompatibleModelOptions } from "./models/openai-compatible/openai-compatible-model.js";
export type { ImagePlacement } from "./models/openai-compatible/openai-messages.js";
export { langchainModel, type LangChainModelOptions } from "./models/langchain/langchain-model.js";

// Dialects.
export type { Dialect, DialectInput, DialectRequest, ParsedTurn } from "./dialects/dialect.js";
export { nativeDialect, type NativeDialectOptions } from "./dialects/native-dialect.js";
export { r1v4Dialect, type R1V4DialectOptions } from "./dialects/r1v4-dialect.js";
export { textProtocolDialect } from "./dialects/text-protocol/text-protocol-dialect.js";
export type { TextProtocolOptions, ResolvedTextProtocolOptions, TextProtocolPromptContext, ToolAlias, TagAction } from "./dialects/text-protocol/text-protocol-options.js";
export type { ArgumentObject } from "./dialects/tool-arguments.js";
export { deepeyesDialect } from "./dialects/presets/deepeyes-dialect.js";
export { webwatcherDialect } from "./dialects/presets/webwatcher-dialect.js";
export { miniO3Dialect } from "./dialects/presets/mini-o3-dialect.js";
export { thymeDialect } from "./dialects/presets/thyme-dialect.js";
export { mmsearchR1Dialect } from "./dialects/presets/mmsearch-r1-dialect.js";
export type { PresetDialectOptions } from "./dialects/presets/preset-options.js";

// Tools.
export { defineTool, type Tool, type AnyTool, type ToolContext, type ToolOutput } from "./tools/tool.js";
export { ToolRegistry } from "./tools/tool-registry.js";

// Storage and the other extension points (their implementations are in the subpaths).
export { openStorage } from "./storage/open-storage.js";
export type { Storage, StorageKind } from "./storage/storage.js";
export type { ImageStore } from "./images/image-store.js";
export type { ResultCache } from "./storage/result-cache.js";
export type { SearchBackend } from "./search/search-backend.js";
export type { ImageSearchBackend } from "./search/image-search-backend.js";
export type { PageFetcher } from "./search/page-fetcher.js";
export type { Summarizer } from "./search/summarizer.js";
export type { ImageHost } from "./search/image-host.js";
export type { CodeSandbox } from "./sandbox/code-sandbox.js";
export type { Planner } from "./planning/planner.js";

// Errors.
export { InterleafError, type AnyInterleafError, type InterleafErrorOptions } from "./errors/interleaf-error.js";
export type { CommonErrorDetails, ErrorDetails, ErrorDetailsByCode, FallbackErrorCode, HttpFailureDetails, InputIssue, InterleafErrorCode, PlanIssue } from "./errors/error-details.js";
export type { ErrorInfo } from "./errors/error-info.js";
export { httpStatusError, isRetryableStatus, type HttpFailureCode, type HttpStatusErrorOptions } from "./net/http-status-error.js";

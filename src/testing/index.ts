/**
 * Testing agents in any test runner: scripted models and search backends, cassettes that record
 * and replay model and tool calls, thread replay and trajectory diffs, assertions.
 *
 * @packageDocumentation
 * @module interleaf/testing
 */
export { scriptedModel, type ScriptedModel, type ScriptedModelOptions, type ScriptedTurn } from "./scripted-model.js";
export { cassetteModeFromEnv, CASSETTE_MODE_ENV, type CassetteMode } from "./cassette/cassette-mode.js";
export { Cassette, openCassette, type CassetteOptions } from "./cassette/cassette.js";
export type { LiveModel } from "./cassette/cassette-model.js";
export { withCassette, type WithCassetteOptions } from "./cassette/with-cassette.js";
export type { CassetteEntry, ModelCassetteEntry, ToolCassetteEntry, CassetteHeader } from "./cassette/cassette-entry.js";
export type { CanonicalModelRequest, CanonicalMessage, CanonicalPart } from "./cassette/model-request-key.js";
export type { CanonicalToolCall } from "./cassette/tool-call-key.js";
export { createRedactor, type RedactOptions, type Redactor } from "./cassette/redactor.js";
export { REDACTED } from "../net/redact.js";
export {
  diffTrajectories,
  formatTrajectoryDiff,
  summarizeStep,
  type TrajectoryDiff,
  type TrajectoryDiffOptions,
  type TrajectoryLike,
  type StepChange,
  type StepSummary,
  type ActionChange,
  type ActionSummary,
} from "./trajectory/trajectory-diff.js";
export { toolCallsOf, calledInOrder, answerMatches, normalizeAnswer, type AnswerMatcher } from "./trajectory/trajectory-queries.js";
export { replayThread, type ReplayThreadOptions, type ComparedRun } from "./replay/replay-thread.js";
export { forkAndCompare, type ForkAndCompareOptions } from "./replay/fork-and-compare.js";
export { findCheckpoint, type CheckpointLocation } from "./replay/find-checkpoint.js";
export { scriptedSearch, scriptedImageSearch, scriptedPageFetcher, type Script, type ScriptedSearch, type ScriptedImageSearch, type ScriptedPageFetcher } from "./scripted-search.js";
export { MutationGuardCheckpointer } from "./mutation-guard-checkpointer.js";
export { isTestingError, type TestingError, type TestingErrorCode, type TestingErrorDetailsByCode } from "./testing-error.js";
export { expectToolOrder, expectToolCalled, expectAnswer, expectSameTrajectory, expectNoCheckpointMutation } from "./assertions.js";
export { createToolContext, type ToolContextOptions } from "../tools/tool-context.js";

export { scriptedModel, type ScriptedModel, type ScriptedModelOptions, type ScriptedTurn } from "./scripted-model.js";
export { imageStoreConformance, type ImageStoreConformanceOptions } from "./conformance/image-store.js";
export { resultCacheConformance, type ResultCacheConformanceOptions } from "./conformance/result-cache.js";
export { checkpointerConformance, type CheckpointerConformanceOptions } from "./conformance/checkpointer.js";
export { cassetteModeFromEnv, CASSETTE_MODE_ENV, type CassetteMode } from "./cassette/cassette-mode.js";
export { Cassette, openCassette, type CassetteOptions } from "./cassette/cassette.js";
export type { LiveModel } from "./cassette/cassette-model.js";
export { withCassette, type WithCassetteOptions } from "./cassette/with-cassette.js";
export type { CassetteEntry, ModelCassetteEntry, ToolCassetteEntry, CassetteHeader } from "./cassette/cassette-entry.js";
export { canonicalModelRequest, modelRequestKey, type CanonicalModelRequest, type CanonicalMessage, type CanonicalPart } from "./cassette/model-request-key.js";
export { canonicalToolCall, toolCallKey, type CanonicalToolCall } from "./cassette/tool-call-key.js";
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
export { expectToolOrder, expectToolCalled, expectAnswer, expectSameTrajectory, expectNoCheckpointMutation } from "./assertions.js";
export { modelBackendConformance, type ModelBackendConformanceOptions } from "./conformance/model-backend.js";
export { dialectConformance, type DialectConformanceOptions } from "./conformance/dialect.js";
export { toolConformance, type ToolConformanceOptions, type ToolConformanceCase } from "./conformance/tool.js";
export {
  searchBackendConformance,
  imageSearchBackendConformance,
  pageFetcherConformance,
  type SearchBackendConformanceOptions,
  type ImageSearchBackendConformanceOptions,
  type PageFetcherConformanceOptions,
} from "./conformance/search-backend.js";

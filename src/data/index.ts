/**
 * The data engine: R1V4's way from runs to training data. Named filters over finished
 * trajectories (answer, format, final and step consistency with judges, tool errors, repetition,
 * length, dedup), then deterministic exports (ms-swift, LLaMA-Factory ShareGPT, OpenAI, the
 * dialect's raw turns, planner data) with validators and a dataset card.
 *
 * @packageDocumentation
 * @module interleaf/data
 */
export { trajectoryRecord, type TrajectoryRecord, type ThreadValues, type ItemFacts } from "./trajectory-record.js";
export { PASS, drop, type DataFilter, type FilterContext, type FilterVerdict } from "./data-filter.js";
export { runFilters, type FilterReport, type FilterSummary, type FilteredTrajectory, type RunFiltersOptions } from "./run-filters.js";
export { dataJudge, parseYesNoVerdict, fillDataJudgeTemplate, type DataJudge, type DataJudgeTemplate, type DataJudgeVerdict } from "./data-judge.js";
export { ANSWER_MATCH_TEMPLATE, FINAL_CONSISTENCY_TEMPLATE, STEP_CONSISTENCY_TEMPLATE } from "./judge-templates.js";
export { formatFilter } from "./filters/format-filter.js";
export { toolErrorFilter } from "./filters/tool-error-filter.js";
export { lengthFilter, type LengthFilterOptions } from "./filters/length-filter.js";
export { repetitionFilter, type RepetitionFilterOptions } from "./filters/repetition-filter.js";
export { dedupFilter, type DedupFilterOptions } from "./filters/dedup-filter.js";
export { answerFilter, type AnswerFilterOptions } from "./filters/answer-filter.js";
export { finalConsistencyFilter } from "./filters/final-consistency-filter.js";
export { stepConsistencyFilter } from "./filters/step-consistency-filter.js";
export { trainingConversation, type TrainingConversation, type TrainingMessage, type TrainingPart } from "./export/training-conversation.js";
export { EXPORT_FORMATS, IMAGE_TOKEN, type ExportFormat, type ImagePlacement } from "./export/export-formats.js";
export { exportDataset, type ExportDatasetOptions, type ExportResult } from "./export/export-dataset.js";
export type { DatasetCard } from "./export/dataset-card.js";
export { validateExportLine, type LeakGuard } from "./export/validate-export.js";
export { leakGuard } from "./export/leak-guard.js";
export { readExportedDataset, assistantTurnsOf, type ExportedDataset } from "./export/read-dataset.js";

/**
 * Evaluation: named scorers ported from the benchmarks' official code and the big harnesses,
 * dataset loaders, and resumable eval runs.
 *
 * @packageDocumentation
 * @module interleaf/eval
 */
export type { Scorer, ScorerKind, ScorerSource, ScoreCase, ScoreOutcome } from "./scorer.js";
export { getScorer, listScorers } from "./scorer-registry.js";
export type { ItemScore } from "./aggregate/item-score.js";
export { aggregateVStar, type VStarAccuracy } from "./aggregate/vstar.js";
export { aggregateHrBench, type HrBenchAccuracy, type HrBenchItem } from "./aggregate/hrbench.js";
export { aggregateMmeRealWorld, type MmeRealWorldAccuracy, type MmeRealWorldItem } from "./aggregate/mme-realworld.js";
export { aggregateTreeBench, type TreeBenchAccuracy, type TreeBenchItem } from "./aggregate/treebench.js";
export { avgAtK, bestAt1, meanUnbiasedPassAtK, passAtK, unbiasedPassAtK, type IsCorrect } from "./aggregate/samples.js";
export { mmsearchR1Answer, r1v4Answer, webwatcherAnswer } from "./scorers/answer-extraction.js";

// Datasets
export type { EvalDataset, EvalItem, EvalImage } from "./datasets/eval-item.js";
export { BENCHMARK_MANIFESTS, verifyDataset, type DatasetManifest } from "./datasets/dataset-manifest.js";
export { loadVlmEvalKitTsv, type VlmEvalKitTsvOptions } from "./datasets/vlmevalkit-tsv.js";
export { loadFvqaParquet, type FvqaParquetOptions } from "./datasets/fvqa-parquet.js";
export { loadVstarFolder, VSTAR_TASKS, type VstarFolderOptions } from "./datasets/vstar-folder.js";
export { loadBrowseCompVl, type BrowseCompVlOptions } from "./datasets/browsecomp-vl-jsonl.js";
export { loadCustomDataset, type CustomDatasetOptions } from "./datasets/custom-dataset.js";
export { loadMmeRealWorldJson, type MmeRealWorldJsonOptions } from "./datasets/mme-realworld-json.js";
export { parseStringifiedList } from "./datasets/stringified-list.js";
export { seededPermutation } from "./datasets/seeded-shuffle.js";
export { openDataset, datasetRefFor, type DatasetRef } from "./datasets/open-dataset.js";

// Runs
export { runEval, resumeEval, type RunEvalOptions, type ResumeEvalOptions, type EvalSessionOptions, type EvalConcurrency, type EvalAgentFactory, type EvalRunSummary } from "./runs/run-eval.js";
export type { EvalProgress } from "./runs/eval-progress.js";
export { EvalRunTable } from "./runs/eval-run-table.js";
export type { EvalRunConfig, EvalThreadRecord, EvalThreadStatus, GenerationSettings, JudgeRecord, JudgeVerdict, ScoredItem } from "./runs/eval-run-record.js";
export { evalThreadId } from "./runs/eval-thread-id.js";
export { JUDGE_TEMPLATES, SIMPLE_EVALS_BROWSECOMP_GRADER, fillJudgeTemplate, type JudgeTemplate } from "./runs/judge-template.js";
export { judgeAnswer, type EvalJudge, type JudgeQuestion, type JudgeCallOptions } from "./runs/judge.js";
export { rescoreRun, type RescoreRunOptions } from "./runs/rescore-run.js";

// Reports
export { evalReport, buildReport, type EvalReport, type ReportCell, type ReportCounts } from "./report/eval-report.js";
export { formatReport, type ReportFormat } from "./report/format-report.js";
export { TABLE2_LAYOUTS, type Table2Layout, type Table2Column } from "./report/table2-layouts.js";

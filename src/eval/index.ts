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

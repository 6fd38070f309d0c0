/**
 * Evaluation: named scorers ported from the benchmarks' official code and the big harnesses,
 * dataset loaders, and resumable eval runs.
 *
 * @packageDocumentation
 * @module interleaf/eval
 */
export type { Scorer, ScorerKind, ScorerSource, ScoreCase, ScoreOutcome } from "./scorer.js";
export { getScorer, listScorers } from "./scorer-registry.js";

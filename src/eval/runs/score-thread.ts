import { InterleafError } from "../../errors/index.js";
import type { ScoreCase, Scorer } from "../scorer.js";
import type { EvalThreadRecord, GenerationSettings, ScoredItem } from "./eval-run-record.js";

/** The scoring case of a thread for the rule scorers: its item's fields and the prediction the run's settings name. */
export function scoreCaseOf(record: Pick<EvalThreadRecord, "itemId" | "item" | "raw" | "answer">, prediction: GenerationSettings["prediction"]): ScoreCase {
  const item: ScoredItem = record.item;
  return {
    id: record.itemId,
    prediction: prediction === "raw" ? record.raw : (record.answer ?? ""),
    gold: item.gold,
    question: item.question,
    ...(item.options ? { options: item.options } : {}),
    ...(item.choices ? { choices: item.choices } : {}),
    ...(item.candidates ? { candidates: item.candidates } : {}),
    ...(item.alternative_gt_answers ? { alternative_gt_answers: item.alternative_gt_answers } : {}),
    ...(item.target_instances ? { target_instances: item.target_instances } : {}),
    ...(item.category !== undefined ? { category: item.category } : {}),
  };
}

/**
 * Scores a finished thread with each rule scorer. A scorer that throws is reported as an
 * `internal_error` naming it (scorers are pure functions: a throw is a bug, not a wrong answer).
 */
export function applyScorers(record: EvalThreadRecord, scorers: readonly Scorer[], prediction: GenerationSettings["prediction"]): Pick<EvalThreadRecord, "scores"> & { error?: InterleafError } {
  const scores: EvalThreadRecord["scores"] = {};
  const scoreCase = scoreCaseOf(record, prediction);
  for (const scorer of scorers) {
    try {
      const outcome = scorer.score(scoreCase);
      scores[scorer.id] = { score: outcome.score, extracted: outcome.extracted };
    } catch (error) {
      return { scores, error: new InterleafError("internal_error", `scorer ${scorer.id} failed on item ${record.itemId}: ${(error as Error).message}`, { cause: error }) };
    }
  }
  return { scores };
}

/** A score as a number: booleans as 0/1. */
export function numericScore(score: number | boolean): number {
  return typeof score === "boolean" ? Number(score) : score;
}

/**
 * The headline score of a thread: the judge's verdict when the run has a judge (correct 1, else
 * 0; `judge_failed` is 0 and counted apart), else the first rule scorer's score; undefined while
 * the thread is unscored.
 */
export function headlineScore(record: EvalThreadRecord, scorerIds: readonly string[], judged: boolean): number | undefined {
  if (judged) return record.judge ? Number(record.judge.verdict === "correct") : undefined;
  const first = scorerIds[0];
  const found = first === undefined ? undefined : record.scores[first];
  return found ? numericScore(found.score) : undefined;
}

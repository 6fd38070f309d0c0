import type { Scorer } from "../scorer.js";
import { goldText } from "./case-fields.js";
import { normalizeAnswer } from "./python-text.js";
import { upstream } from "./upstream.js";

// MMSearch's end-to-end score (score/f1_score.py `get_f1_score`, taken with the maximum over
// `alternative_gt_answers` as eval_end2end.py does): SQuAD token F1 after normalisation.

function tokens(text: string): string[] {
  return text ? normalizeAnswer(text).split(" ").filter((token) => token !== "") : [];
}

/** `get_f1_score(prediction, gold)`: an int 0/1 when either side has no tokens or none is shared, else the F1 float. */
export function tokenF1(prediction: string, gold: string): number {
  const goldTokens = tokens(gold);
  const predictedTokens = tokens(prediction);
  if (goldTokens.length === 0 || predictedTokens.length === 0) return goldTokens.length === predictedTokens.length ? 1 : 0;
  const goldCounts = new Map<string, number>();
  for (const token of goldTokens) goldCounts.set(token, (goldCounts.get(token) ?? 0) + 1);
  let same = 0;
  for (const token of predictedTokens) {
    const left = goldCounts.get(token) ?? 0;
    if (left > 0) {
      same += 1;
      goldCounts.set(token, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = (1.0 * same) / predictedTokens.length;
  const recall = (1.0 * same) / goldTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

/** The F1 against the gold answer, replaced by an alternative's when strictly higher. */
export const mmsearchF1: Scorer = {
  id: "mmsearch.f1",
  kind: "rule",
  benchmark: "mmsearch",
  source: upstream("CaraJ7/MMSearch", "score/f1_score.py", "get_f1_score"),
  score(scoreCase) {
    let best = tokenF1(scoreCase.prediction, goldText(scoreCase));
    for (const alternative of scoreCase.alternative_gt_answers ?? []) {
      const value = tokenF1(scoreCase.prediction, alternative);
      if (value > best) best = value;
    }
    return { score: best, extracted: scoreCase.prediction };
  },
};

import type { Scorer, ScoreCase } from "../scorer.js";
import { averageBestIou, boxesInText } from "./box-iou.js";
import { goldText } from "./case-fields.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// TreeVGR's official TreeBench evaluation (inference_treebench.py): exact match of the first
// `<answer>` (uppercased; the whole reply when missing) against the gold letter, and the box IoU of
// the whole reply (0.0 without boxes or targets).

const SOURCE_PATH = "inference_treebench.py";

/** `compute_box_iou(output, target_instances)`. */
export function treevgrBoxIou(scoreCase: ScoreCase): number {
  return averageBestIou(boxesInText(scoreCase.prediction), scoreCase.target_instances ?? []);
}

/** TreeVGR's per-item rule: `prediction.upper() == answer.upper()` (the boolean its exact-matching loop tests), with the IoU in `details.iou`. */
export const treevgrTreeBench: Scorer = {
  id: "treevgr.treebench",
  kind: "rule",
  benchmark: "treebench",
  source: upstream("Haochen-Wang409/TreeVGR", SOURCE_PATH, "eval_model_row"),
  score(scoreCase) {
    const match = /<answer>([\s\S]*?)<\/answer>/.exec(scoreCase.prediction);
    const answer = match ? pyStrip(match[1] ?? "").toUpperCase() : scoreCase.prediction;
    return { score: answer.toUpperCase() === goldText(scoreCase).toUpperCase(), extracted: answer, details: { iou: treevgrBoxIou(scoreCase) } };
  },
};

/** `compute_box_iou` as the score. */
export const treevgrTreeBenchIou: Scorer = {
  id: "treevgr.treebench.iou",
  kind: "rule",
  benchmark: "treebench",
  source: upstream("Haochen-Wang409/TreeVGR", SOURCE_PATH, "compute_box_iou"),
  score(scoreCase) {
    return { score: treevgrBoxIou(scoreCase), extracted: null };
  },
};

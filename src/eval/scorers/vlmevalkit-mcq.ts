import type { Scorer, ScoreCase } from "../scorer.js";
import { averageBestIou, boxesInText } from "./box-iou.js";
import { canInfer, VLMEVALKIT_CAN_INFER } from "./can-infer.js";
import { goldText, optionsOf } from "./case-fields.js";
import { DEFAULT_CHOICES, extractCharactersRegex, HARNESS_PREFIXES } from "./extract-characters-regex.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// VLMEvalKit's multiple-choice scoring: the generic matcher under the `exact_matching` policy (no
// judge model: an answer nothing is inferred from becomes "Z"), and the per-item rules of its
// MME-RealWorld and TreeBench datasets (vlmeval/dataset/image_mcq.py).

/** `extract_answer_from_item` + `eval_vanilla` with `model=None`: `can_infer`, else "Z"; hit when it equals the gold letter. */
export const vlmevalkitCanInfer: Scorer = {
  id: "vlmevalkit.mcq.can_infer",
  kind: "rule",
  benchmark: "any",
  source: upstream("open-compass/VLMEvalKit", "vlmeval/utils/matching_util.py", "can_infer"),
  score(scoreCase) {
    const inferred = canInfer(String(scoreCase.prediction), optionsOf(scoreCase), VLMEVALKIT_CAN_INFER);
    return { score: (inferred || "Z") === goldText(scoreCase) ? 1 : 0, extracted: inferred || null };
  },
};

/** The same rule under the benchmark names VLMEvalKit scores with it (`VStarBench`, `HRBench4K/8K` go through `mcq_vanilla_eval`). */
export const vlmevalkitVStar: Scorer = { ...vlmevalkitCanInfer, id: "vlmevalkit.vstar", benchmark: "vstar" };
export const vlmevalkitHrBench: Scorer = { ...vlmevalkitCanInfer, id: "vlmevalkit.hrbench", benchmark: "hrbench" };

/** The answer VLMEvalKit's MME-RealWorld and TreeBench rules read: the first `<answer>`, stripped and uppercased, else the whole reply. */
function answerOrReply(prediction: string): string {
  const match = /<answer>([\s\S]*?)<\/answer>/.exec(prediction);
  return match ? pyStrip(match[1] ?? "").toUpperCase() : prediction;
}

function letterRule(scoreCase: ScoreCase) {
  const extracted = extractCharactersRegex(answerOrReply(scoreCase.prediction), DEFAULT_CHOICES, HARNESS_PREFIXES);
  return { score: extracted === "" ? 0 : extracted === goldText(scoreCase) ? 1 : 0, extracted: extracted === "" ? null : extracted };
}

/** `MMERealWorld.evaluate`'s per-item rule: first `<answer>` (uppercased) or the reply, `extract_characters_regex`, equal to the gold letter. */
export const vlmevalkitMmeRealWorld: Scorer = {
  id: "vlmevalkit.mme-realworld",
  kind: "rule",
  benchmark: "mme-realworld",
  source: upstream("open-compass/VLMEvalKit", "vlmeval/dataset/image_mcq.py", "MMERealWorld.evaluate"),
  score: letterRule,
};

/** VLMEvalKit's TreeBench box IoU: boxes read from the first `<think>` (else the reply); 0 without boxes, `true` when there are boxes but no targets. */
export function vlmevalkitTreeBenchIou(scoreCase: ScoreCase): number | boolean {
  const think = /<think>([\s\S]*?)<\/think>/.exec(scoreCase.prediction);
  const boxes = boxesInText(think ? pyStrip(think[1] ?? "") : scoreCase.prediction);
  if (boxes.length === 0) return 0;
  const targets = scoreCase.target_instances ?? [];
  if (targets.length === 0) return true;
  return averageBestIou(boxes, targets);
}

/** `TreeBench.evaluate`'s per-item accuracy (the MME-RealWorld rule), with the box IoU in `details.iou`. */
export const vlmevalkitTreeBench: Scorer = {
  id: "vlmevalkit.treebench",
  kind: "rule",
  benchmark: "treebench",
  source: upstream("open-compass/VLMEvalKit", "vlmeval/dataset/image_mcq.py", "TreeBench.evaluate"),
  score(scoreCase) {
    return { ...letterRule(scoreCase), details: { iou: vlmevalkitTreeBenchIou(scoreCase) } };
  },
};

/** `TreeBench.evaluate_box_iou` as the score. */
export const vlmevalkitTreeBenchIouScorer: Scorer = {
  id: "vlmevalkit.treebench.iou",
  kind: "rule",
  benchmark: "treebench",
  source: upstream("open-compass/VLMEvalKit", "vlmeval/dataset/image_mcq.py", "TreeBench.evaluate_box_iou"),
  score(scoreCase) {
    return { score: vlmevalkitTreeBenchIou(scoreCase), extracted: null };
  },
};

import type { Scorer } from "../scorer.js";
import { goldText } from "./case-fields.js";
import { DEFAULT_CHOICES, extractCharactersRegex, HARNESS_PREFIXES } from "./extract-characters-regex.js";
import { upstream } from "./upstream.js";

/**
 * lmms-eval's MME-RealWorld rule (lmms_eval/tasks/mme_realworld/utils.py): `extract_characters_regex`
 * on the raw output with the default choices (A)-(E), then, as `mme_realworld_aggregate_results`
 * counts it, `pred.lower() == answer.lower() or answer.lower() in pred.lower()` (a boolean).
 */
export const lmmsEvalMmeRealWorld: Scorer = {
  id: "lmms-eval.mme-realworld",
  kind: "rule",
  benchmark: "mme-realworld",
  source: upstream("EvolvingLMMs-Lab/lmms-eval", "lmms_eval/tasks/mme_realworld/utils.py", "mme_realworld_process_results"),
  score(scoreCase) {
    const predicted = extractCharactersRegex(scoreCase.prediction, DEFAULT_CHOICES, HARNESS_PREFIXES);
    const gold = goldText(scoreCase).toLowerCase();
    const lowered = predicted.toLowerCase();
    return { score: lowered === gold || lowered.includes(gold), extracted: predicted === "" ? null : predicted };
  },
};

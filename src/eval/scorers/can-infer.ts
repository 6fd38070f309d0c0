import { pyLen, pySplit, PY_S } from "./python-text.js";

// VLMEvalKit's multiple-choice matcher `can_infer` (vlmeval/utils/matching_util.py) and the older
// copy lmms-eval keeps in its HR-Bench evaluator (lmms_eval/tasks/hrbench/hrbench_evals.py).
// A result is a letter, "Z" (the model refused), or false (nothing inferred).

/** What differs between the two copies of `can_infer`. */
export interface CanInferVariant {
  /** VLMEvalKit: the letter must be among the last five tokens (`splits.index(ch) > len(splits) - 5`). */
  lastFiveTokens: boolean;
  /** VLMEvalKit: falls back to `(correct )answer is X` for A-D. */
  verboseAnswerPattern: boolean;
  /** VLMEvalKit: text matching gives up on answers longer than twice the options' total length. */
  textLengthLimit: boolean;
}

export const VLMEVALKIT_CAN_INFER: CanInferVariant = { lastFiveTokens: true, verboseAnswerPattern: true, textLengthLimit: true };
export const LMMS_EVAL_CAN_INFER: CanInferVariant = { lastFiveTokens: false, verboseAnswerPattern: false, textLengthLimit: false };

const REFUSALS = ["Sorry, I can't help with images of people yet.", "I can't process this file.", "I'm sorry, but without the image provided", "Cannot determine the answer"];
const SEPARATORS = ".()[],:;!*#{}";
const VERBOSE_ANSWER = new RegExp(`(?:correct${PY_S}+)?answer${PY_S}+is${PY_S}+\\**([ABCD])\\**`, "iu");

/** A result of `can_infer`: an option letter, `Z`, or false. */
export type CanInferResult = string | false;

function canInferOption(answer: string, options: Record<string, string>, variant: CanInferVariant): CanInferResult {
  if (answer.includes("Failed to obtain answer via API")) return false;
  if (REFUSALS.some((refusal) => answer.includes(refusal))) return "Z";
  let modified = answer;
  for (const char of SEPARATORS) modified = modified.split(char).join(" ");
  const splits = pySplit(modified);
  const letters = Object.keys(options);
  const count = letters.filter((letter) => splits.includes(letter)).length;
  if (count === 1) {
    for (const letter of letters) {
      if (!splits.includes(letter)) continue;
      if (!variant.lastFiveTokens || splits.indexOf(letter) > splits.length - 5) return letter;
    }
  } else if (count === 0 && splits.includes("Z")) {
    return "Z";
  }
  if (!variant.verboseAnswerPattern) return false;
  const match = VERBOSE_ANSWER.exec(answer);
  const letter = match?.[1]?.toUpperCase();
  return letter !== undefined && letters.includes(letter) ? letter : false;
}

function canInferText(answer: string, options: Record<string, string>, variant: CanInferVariant): CanInferResult {
  const lowered = answer.toLowerCase();
  const total = Object.values(options).reduce((sum, text) => sum + pyLen(text), 0);
  if (variant.textLengthLimit && pyLen(lowered) > 2 * total) return false;
  const candidates = Object.entries(options)
    .filter(([, text]) => lowered.includes(text.toLowerCase()))
    .map(([letter]) => letter);
  return candidates.length === 1 ? (candidates[0] ?? false) : false;
}

/**
 * `can_infer(answer, choices)`: the option letter a free-form answer names, by its tokens first,
 * then by the one option text it contains.
 */
export function canInfer(answer: string, options: Record<string, string>, variant: CanInferVariant): CanInferResult {
  return canInferOption(answer, options, variant) || canInferText(answer, options, variant);
}

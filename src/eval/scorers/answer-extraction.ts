import type { Scorer } from "../scorer.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// How three agents' evaluations read the final answer out of a reply. As scorers (kind
// "extractor") their score is 1 when an `<answer>` tag was found and 0 otherwise, and `extracted`
// is what the upstream function returns.

const ANSWER_TAG = /<answer>([\s\S]*?)<\/answer>/g;

function answerTags(reply: string): string[] {
  return [...reply.matchAll(ANSWER_TAG)].map((match) => match[1] ?? "");
}

/**
 * R1V4 (`r1v4/parse_utils.py` `parse_full_response`): the first `<answer>`, stripped; "" when there is none.
 *
 * @example
 * ```ts
 * import { r1v4Answer } from "interleaf/eval";
 * r1v4Answer("<think>…</think><answer> Paris </answer><answer>Rome</answer>"); // "Paris"
 * r1v4Answer("no tags"); // ""
 * ```
 */
export function r1v4Answer(reply: string): string {
  const first = answerTags(reply)[0];
  return first === undefined ? "" : pyStrip(first);
}

/**
 * MMSearch-R1 (`extract_solution`): the last `<answer>`, stripped; null when there is none.
 *
 * @example
 * ```ts
 * import { mmsearchR1Answer } from "interleaf/eval";
 * mmsearchR1Answer("<answer>Paris</answer><answer> Rome </answer>"); // "Rome"
 * mmsearchR1Answer("no tags"); // null
 * ```
 */
export function mmsearchR1Answer(reply: string): string | null {
  const last = answerTags(reply).at(-1);
  return last === undefined ? null : pyStrip(last);
}

/**
 * WebWatcher (`extract_response`'s `get_answers`): the first `<answer>`, stripped; else the whole reply.
 *
 * @example
 * ```ts
 * import { webwatcherAnswer } from "interleaf/eval";
 * webwatcherAnswer("<answer> Paris </answer>"); // "Paris"
 * webwatcherAnswer("It is Paris."); // "It is Paris."
 * ```
 */
export function webwatcherAnswer(reply: string): string {
  const first = answerTags(reply)[0];
  return first === undefined ? reply : pyStrip(first);
}

const found = (reply: string) => (answerTags(reply).length > 0 ? 1 : 0);

export const r1v4Extractor: Scorer = {
  id: "r1v4.answer",
  kind: "extractor",
  benchmark: "any",
  source: upstream("SkyworkAI/Skywork-R1V", "r1v4/parse_utils.py", "parse_full_response"),
  score: (scoreCase) => ({ score: found(scoreCase.prediction), extracted: r1v4Answer(scoreCase.prediction) }),
};

export const mmsearchR1Extractor: Scorer = {
  id: "mmsearch-r1.answer",
  kind: "extractor",
  benchmark: "any",
  source: upstream("EvolvingLMMs-Lab/multimodal-search-r1", "mmsearch_r1/utils/reward_score_mm/mmsearch_r1_score.py", "extract_solution"),
  score: (scoreCase) => ({ score: found(scoreCase.prediction), extracted: mmsearchR1Answer(scoreCase.prediction) }),
};

export const webwatcherExtractor: Scorer = {
  id: "webwatcher.answer",
  kind: "extractor",
  benchmark: "any",
  source: upstream("Alibaba-NLP/DeepResearch", "WebAgent/WebWatcher/infer/evaluation/evaluate_hle_official.py", "extract_response"),
  score: (scoreCase) => ({ score: found(scoreCase.prediction), extracted: webwatcherAnswer(scoreCase.prediction) }),
};

import type { Scorer, ScoreCase } from "../scorer.js";
import { mmsearchR1Answer } from "./answer-extraction.js";
import { goldList } from "./case-fields.js";
import { normalizeAnswer, pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// MMSearch-R1's FVQA scores (mmsearch_r1/utils/reward_score_mm/mmsearch_r1_score.py): exact match
// (`em_check`, a boolean) and substring match (`subem_check`, 0/1) of the last `<answer>` against
// the gold answers after SQuAD normalisation, and the training reward `compute_score` for a one-turn
// reply. The gold answers are built as the reward manager builds them
// (mmsearch_r1/workers/multimodal/reward/mmsearch_r1.py): the gold, then the `candidates`, strings only.

const SCORE_PATH = "mmsearch_r1/utils/reward_score_mm/mmsearch_r1_score.py";

/** The gold answers: the gold (a string or a list) followed by the case's `candidates`. */
export function goldenAnswers(scoreCase: ScoreCase): string[] {
  return [...goldList(scoreCase), ...(scoreCase.candidates ?? [])].filter((gold) => typeof gold === "string");
}

/** `em_check(prediction, golden_answers)`. */
export function exactMatch(prediction: string, goldens: readonly string[]): boolean {
  const normalized = normalizeAnswer(prediction);
  return goldens.some((gold) => normalizeAnswer(gold) === normalized);
}

/** `subem_check(prediction, golden_answers)`. */
export function substringMatch(prediction: string, goldens: readonly string[]): 0 | 1 {
  const normalized = normalizeAnswer(prediction);
  return goldens.some((gold) => normalized.includes(normalizeAnswer(gold))) ? 1 : 0;
}

export const mmsearchR1Exact: Scorer = {
  id: "mmsearch-r1.fvqa.exact",
  kind: "rule",
  benchmark: "fvqa",
  source: upstream("EvolvingLMMs-Lab/multimodal-search-r1", SCORE_PATH, "em_check"),
  score(scoreCase) {
    const answer = mmsearchR1Answer(scoreCase.prediction);
    return { score: answer !== null && exactMatch(answer, goldenAnswers(scoreCase)), extracted: answer };
  },
};

export const mmsearchR1Substring: Scorer = {
  id: "mmsearch-r1.fvqa.substring",
  kind: "rule",
  benchmark: "fvqa",
  source: upstream("EvolvingLMMs-Lab/multimodal-search-r1", SCORE_PATH, "subem_check"),
  score(scoreCase) {
    const answer = mmsearchR1Answer(scoreCase.prediction);
    return { score: answer === null ? 0 : substringMatch(answer, goldenAnswers(scoreCase)), extracted: answer };
  },
};

const DIRECT_ANSWER = /^<reason>[\s\S]*<\/reason>[\s\S]*<answer>[\s\S]*<\/answer>$/;
const count = (text: string, part: string) => text.split(part).length - 1;

/** `format_reward([reply])` for one turn: 1 for `<reason>…</reason>…<answer>…</answer>` with each tag once and no search call. */
function oneTurnFormat(reply: string): { format: 0 | 1; searches: number } {
  const response = pyStrip(reply);
  const searches = response.includes("<search><img></search>") || (response.includes("<text_search>") && response.includes("</text_search>")) ? 1 : 0;
  const valid =
    DIRECT_ANSWER.test(response) &&
    ["<reason>", "</reason>", "<answer>", "</answer>"].every((tag) => count(response, tag) === 1) &&
    !response.includes("<search><img></search>") &&
    !response.includes("<text_search>") &&
    !response.includes("</text_search>");
  return { format: valid ? 1 : 0, searches };
}

/**
 * `compute_score([reply], golden_answers, extra_info={})`: reward mode EM, search and format penalties
 * 0.1 (the defaults), `(1 - 0.1) * correct * (0.9 if a search was called) + 0.1 * format`.
 */
export const mmsearchR1Reward: Scorer = {
  id: "mmsearch-r1.fvqa.reward",
  kind: "rule",
  benchmark: "fvqa",
  source: upstream("EvolvingLMMs-Lab/multimodal-search-r1", SCORE_PATH, "compute_score"),
  score(scoreCase) {
    const searchPenalty = 0.1;
    const formatPenalty = 0.1;
    const answer = mmsearchR1Answer(scoreCase.prediction);
    let score = answer !== null && exactMatch(answer, goldenAnswers(scoreCase)) ? 1 : 0;
    const { format, searches } = oneTurnFormat(scoreCase.prediction);
    if (searches > 0 && score > 0.99) score *= 1 - searchPenalty;
    return { score: (1 - formatPenalty) * score + formatPenalty * format, extracted: answer };
  },
};

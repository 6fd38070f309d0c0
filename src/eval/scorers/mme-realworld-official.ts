import type { Scorer } from "../scorer.js";
import { choicesOf, goldText } from "./case-fields.js";
import { extractCharactersRegex, HARNESS_PREFIXES, OFFICIAL_PREFIXES } from "./extract-characters-regex.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// MME-RealWorld's official scorer (evaluation/eval_your_results.py): `extract_characters_regex` on
// the raw output with the item's own `Answer choices` (the case's `choices`), and
// `cnt = ground_truth == text` (a boolean).

const source = upstream("yfzhang114/MME-RealWorld", "evaluation/eval_your_results.py", "extract_characters_regex");

/** Faithful: the prefix list with its two missing commas, an empty output reads as the first choice. */
export const mmeRealWorldOfficial: Scorer = {
  id: "mme-realworld.official",
  kind: "rule",
  benchmark: "mme-realworld",
  source,
  score(scoreCase) {
    const text = extractCharactersRegex(scoreCase.prediction, choicesOf(scoreCase), OFFICIAL_PREFIXES);
    return { score: goldText(scoreCase) === text, extracted: text === "" ? null : text };
  },
};

/** Corrected: the commas restored ("Best answer: D" reads as D) and an empty output names no letter. */
export const mmeRealWorldOfficialCorrected: Scorer = {
  id: "mme-realworld.official:corrected",
  kind: "rule",
  benchmark: "mme-realworld",
  source,
  score(scoreCase) {
    const text = pyStrip(scoreCase.prediction) === "" ? "" : extractCharactersRegex(scoreCase.prediction, choicesOf(scoreCase), HARNESS_PREFIXES);
    return { score: text !== "" && goldText(scoreCase) === text, extracted: text === "" ? null : text };
  },
};

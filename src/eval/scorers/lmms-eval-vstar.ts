import type { Scorer } from "../scorer.js";
import { goldText } from "./case-fields.js";
import { PY_S, PY_WHITESPACE_CLASS, pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// lmms-eval's V* rule (lmms_eval/tasks/vstar_bench/utils.py): `extract_answer_letter` tries five
// patterns on the stripped, uppercased reply, then a lone A-D, then the first character.

const PATTERNS = [
  new RegExp(`^([A-D])${PY_S}*[.)\\]]*`, "iu"),
  new RegExp(`(?:THE${PY_S}+)?(?:ANSWER|CHOICE|OPTION)(?:${PY_S}+IS)?[${PY_WHITESPACE_CLASS}:]+([A-D])`, "iu"),
  /\(([A-D])\)/iu,
  new RegExp(`([A-D])${PY_S}*(?:\\.|\\)|\\])`, "iu"),
  new RegExp(`(?:^|${PY_S})([A-D])(?:${PY_S}|$)`, "iu"),
];

/** `extract_answer_letter(response)`: a letter A-D, or null. */
export function extractAnswerLetter(response: string): string | null {
  const text = pyStrip(response).toUpperCase();
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (match?.[1] !== undefined) return match[1].toUpperCase();
  }
  const letters = text.match(/[A-D]/g) ?? [];
  if (letters.length === 1) return letters[0] ?? null;
  const first = text[0];
  return first !== undefined && "ABCD".includes(first) ? first : null;
}

/** `vstar_process_results`: 1.0 when the extracted letter equals the stripped, uppercased label, else 0.0. */
export const lmmsEvalVStar: Scorer = {
  id: "lmms-eval.vstar",
  kind: "rule",
  benchmark: "vstar",
  source: upstream("EvolvingLMMs-Lab/lmms-eval", "lmms_eval/tasks/vstar_bench/utils.py", "vstar_process_results"),
  score(scoreCase) {
    const letter = extractAnswerLetter(scoreCase.prediction);
    return { score: letter === pyStrip(goldText(scoreCase)).toUpperCase() ? 1 : 0, extracted: letter };
  },
};

import type { Scorer } from "../scorer.js";
import { judgeReply } from "./case-fields.js";
import { upstream } from "./upstream.js";

// WebWatcher's BrowseComp-VL judge (WebAgent/WebWatcher/infer/evaluation/evaluate_hle_official.py):
// the judge answers with a JSON object parsed into the pydantic model `ExtractedAnswer`
// (`extracted_final_answer: str`, `reasoning: str`, `correct: Literal["yes", "no"]`,
// `confidence: int`, `strict: Literal[True]`); `acc` is 1 when `correct` is "yes". A reply that does
// not validate is retried, then the item is dropped from the results: here it is `judgeFailed`.

type Parsed = { correct: string; answer: string } | null;

function isInteger(value: unknown): boolean {
  if (typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isInteger(value);
  return typeof value === "string" && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value);
}

/** The reply validated as pydantic (lax mode, JSON input) validates `ExtractedAnswer`, or null. */
export function parseExtractedAnswer(reply: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(reply);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const fields = value as Record<string, unknown>;
  if (typeof fields.extracted_final_answer !== "string" || typeof fields.reasoning !== "string") return null;
  if (fields.correct !== "yes" && fields.correct !== "no") return null;
  if (!isInteger(fields.confidence) || fields.strict !== true) return null;
  return { correct: fields.correct, answer: fields.extracted_final_answer };
}

export const webwatcherJudge: Scorer = {
  id: "webwatcher.judge",
  kind: "judge-parser",
  benchmark: "browsecomp-vl",
  source: upstream("Alibaba-NLP/DeepResearch", "WebAgent/WebWatcher/infer/evaluation/evaluate_hle_official.py", "process_item"),
  score(scoreCase) {
    const parsed = parseExtractedAnswer(judgeReply(scoreCase));
    if (!parsed) return { score: 0, extracted: null, judgeFailed: true };
    return { score: ["y", "yes", "true", "positive"].includes(parsed.correct) ? 1 : 0, extracted: parsed.correct, details: { extracted_final_answer: parsed.answer } };
  },
};

import type { Scorer } from "../scorer.js";
import { judgeReply } from "./case-fields.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

// lmms-eval's binary judge parser (lmms_eval/llm_judge/utils.py `ResponseParser.parse_binary_response`):
// in the "0/1" format any "1" anywhere in the reply counts as correct ("0, not 1" too); in the
// "yes/no" format a reply starting with "yes" does ("yes... no, not correct" too).

const source = upstream("EvolvingLMMs-Lab/lmms-eval", "lmms_eval/llm_judge/utils.py", "ResponseParser.parse_binary_response");

/** `parse_binary_response(reply, "0/1")`: 1 when the stripped, lowercased reply contains "1", else 0. */
export const lmmsEvalBinaryJudge: Scorer = {
  id: "lmms-eval.judge.binary",
  kind: "judge-parser",
  benchmark: "any",
  source,
  score(scoreCase) {
    const reply = pyStrip(judgeReply(scoreCase)).toLowerCase();
    return { score: ["1", "[1]", "score: 1", "answer: 1"].some((pattern) => reply.includes(pattern)) ? 1 : 0, extracted: reply };
  },
};

/** `parse_binary_response(reply, "yes/no")`: true when the stripped, lowercased reply starts with "yes". */
export const lmmsEvalYesNoJudge: Scorer = {
  id: "lmms-eval.judge.yes-no",
  kind: "judge-parser",
  benchmark: "any",
  source,
  score(scoreCase) {
    const reply = pyStrip(judgeReply(scoreCase)).toLowerCase();
    return { score: reply === "yes" || reply.startsWith("yes"), extracted: reply };
  },
};

// lmms-eval's verifier parser (lmms_eval/verifiers/base.py `parse_binary_response`, used by its
// BrowseComp task through `OpenAIVerifier` with `response_format="binary"`): false if the uppercased
// reply contains "INCORRECT" or "NOT_ATTEMPTED", true if it contains "CORRECT", else true if the
// lowercased reply contains "correct", "yes", "true", "1" or "[1]". So "Not correct." reads as correct.

const verifierSource = upstream("EvolvingLMMs-Lab/lmms-eval", "lmms_eval/verifiers/base.py", "parse_binary_response");

function verifierVerdict(text: string): boolean {
  const upper = pyStrip(text).toUpperCase();
  if (upper.includes("INCORRECT") || upper.includes("NOT_ATTEMPTED")) return false;
  if (upper.includes("CORRECT")) return true;
  const lower = pyStrip(text).toLowerCase();
  return ["correct", "yes", "true", "1", "[1]"].some((signal) => lower.includes(signal));
}

/** Faithful: "not correct" (and "yes, the answer is wrong", "10/10 wrong") read as correct. */
export const lmmsEvalVerifierJudge: Scorer = {
  id: "lmms-eval.verifier.binary",
  kind: "judge-parser",
  benchmark: "browsecomp",
  source: verifierSource,
  score(scoreCase) {
    const reply = judgeReply(scoreCase);
    return { score: verifierVerdict(reply), extracted: pyStrip(reply) };
  },
};

const NEGATED_CORRECT = /\bNOT[\s_-]*(?:BE[\s_]+)?CORRECT\b/;

/** Corrected: a negated "correct" ("not correct", "NOT_CORRECT") reads as incorrect; otherwise as upstream. */
export const lmmsEvalVerifierJudgeCorrected: Scorer = {
  id: "lmms-eval.verifier.binary:corrected",
  kind: "judge-parser",
  benchmark: "browsecomp",
  source: verifierSource,
  score(scoreCase) {
    const reply = judgeReply(scoreCase);
    const negated = NEGATED_CORRECT.test(pyStrip(reply).toUpperCase());
    return { score: !negated && verifierVerdict(reply), extracted: pyStrip(reply) };
  },
};

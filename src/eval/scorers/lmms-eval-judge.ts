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

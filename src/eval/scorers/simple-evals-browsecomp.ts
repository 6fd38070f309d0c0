import type { Scorer } from "../scorer.js";
import { judgeReply } from "./case-fields.js";
import { upstream } from "./upstream.js";

// simple-evals' BrowseComp grader (browsecomp_eval.py `BrowseCompEval.grade_sample`): the first
// "correct: yes|no" in the judge's reply. Upstream returns `match.group(0)` ("correct: yes") and then
// compares it with "yes", so no answer is ever counted correct; the corrected id reads `group(1)`.

const source = upstream("openai/simple-evals", "browsecomp_eval.py", "BrowseCompEval.grade_sample");
const VERDICT = /correct: (yes|no)/;

/** Faithful: `grade_result == "yes"` with `grade_result = match.group(0)`, so always false. */
export const simpleEvalsBrowseComp: Scorer = {
  id: "simple-evals.browsecomp",
  kind: "judge-parser",
  benchmark: "browsecomp",
  source,
  score(scoreCase) {
    const grade = VERDICT.exec(judgeReply(scoreCase))?.[0] ?? "no";
    return { score: grade === "yes", extracted: grade };
  },
};

/** Corrected: the verdict word itself (`group(1)`), "no" when the reply has none. */
export const simpleEvalsBrowseCompCorrected: Scorer = {
  id: "simple-evals.browsecomp:corrected",
  kind: "judge-parser",
  benchmark: "browsecomp",
  source,
  score(scoreCase) {
    const grade = VERDICT.exec(judgeReply(scoreCase))?.[1] ?? "no";
    return { score: grade === "yes", extracted: grade };
  },
};

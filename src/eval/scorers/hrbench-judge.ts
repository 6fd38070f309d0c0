import type { Scorer } from "../scorer.js";
import { judgeReply } from "./case-fields.js";
import { upstream } from "./upstream.js";

/**
 * HR-Bench's official yes/no judge parser (hrbench/vlmeval/dataset/utils/hrbench.py `parse_score`):
 * 1 when the lowercased reply starts with "yes", else 0 (a reply starting with "no", or anything
 * else). `extracted` is the "yes"/"no" it read, or null.
 */
export const hrBenchJudge: Scorer = {
  id: "hrbench.judge",
  kind: "judge-parser",
  benchmark: "hrbench",
  source: upstream("DreamMr/HR-Bench", "hrbench/vlmeval/dataset/utils/hrbench.py", "parse_score"),
  score(scoreCase) {
    const verdict = /^(yes|no)/iu.exec(judgeReply(scoreCase).toLowerCase())?.[0] ?? null;
    return { score: verdict === "yes" ? 1 : 0, extracted: verdict };
  },
};

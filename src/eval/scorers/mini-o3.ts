import type { Scorer } from "../scorer.js";
import { goldText, judgeReply } from "./case-fields.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

/**
 * Mini-o3's rule-based multiple-choice accuracy (verl/utils/reward_score/general_qa_tool_mc.py
 * `inner_acc_reward`): the last `<answer>` of the stripped reply (0.0 without one), 1.0 when it equals
 * the stripped gold, or starts with `(X)` or `X.` where X is the gold letter.
 */
export const miniO3MultipleChoice: Scorer = {
  id: "mini-o3.mc",
  kind: "rule",
  benchmark: "visualprobe",
  source: upstream("Mini-o3/Mini-o3", "verl/utils/reward_score/general_qa_tool_mc.py", "inner_acc_reward"),
  score(scoreCase) {
    const gold = pyStrip(goldText(scoreCase));
    const answers = [...pyStrip(scoreCase.prediction).matchAll(/<answer>([\s\S]*?)<\/answer>/g)];
    const answer = answers.at(-1)?.[1];
    if (answer === undefined) return { score: 0, extracted: null };
    if (pyStrip(answer) === gold) return { score: 1, extracted: answer };
    const letter = /^\(([A-Z])\)/.exec(answer)?.[1] ?? /^([A-Z])\./.exec(answer)?.[1];
    return { score: letter !== undefined && letter === gold ? 1 : 0, extracted: answer };
  },
};

/**
 * Mini-o3's judge-score parser (general_qa_tool.py `GPT4VisionClient.query` then `inner_acc_reward`):
 * the first word after the last "score:" of the lowercased reply; 1.0 when it contains "1", 0.0
 * otherwise. A reply without "score:", or whose word has neither "0" nor "1", is a failed judge call
 * (upstream retries, then filters the sample out).
 */
export const miniO3JudgeScore: Scorer = {
  id: "mini-o3.judge-score",
  kind: "judge-parser",
  benchmark: "visualprobe",
  source: upstream("Mini-o3/Mini-o3", "verl/utils/reward_score/general_qa_tool.py", "GPT4VisionClient.query"),
  score(scoreCase) {
    const reply = judgeReply(scoreCase).toLowerCase();
    if (!reply.includes("score:")) return { score: 0, extracted: null, judgeFailed: true };
    const afterLast = reply.split("score:").at(-1) ?? "";
    const word = pyStrip(pyStrip(afterLast).split("\n")[0] ?? "").split(" ")[0] ?? "";
    if (!word.includes("1") && !word.includes("0")) return { score: 0, extracted: null, judgeFailed: true };
    return { score: word.includes("1") ? 1 : 0, extracted: word };
  },
};


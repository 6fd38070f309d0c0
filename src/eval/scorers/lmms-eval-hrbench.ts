import type { Scorer } from "../scorer.js";
import { canInfer, LMMS_EVAL_CAN_INFER } from "./can-infer.js";
import { goldText, optionsOf } from "./case-fields.js";
import { pyStrip } from "./python-text.js";
import { upstream } from "./upstream.js";

/**
 * lmms-eval's HR-Bench rule (lmms_eval/tasks/hrbench/utils.py `hrbench_process_results` with
 * `HRBenchEval.get_chat_response`): the older `can_infer` on the stripped reply; when it infers
 * nothing, the judge's reply (`judge_output`) goes through `can_infer` again; `gpt_score` is 1 when
 * the letter equals the gold letter ignoring case. Where upstream raises (no judge reply: a
 * `KeyError`; a judge reply nothing is inferred from: `False.lower()`), the item scores 0 with
 * `judgeFailed`.
 */
export const lmmsEvalHrBench: Scorer = {
  id: "lmms-eval.hrbench",
  kind: "rule",
  benchmark: "hrbench",
  source: upstream("EvolvingLMMs-Lab/lmms-eval", "lmms_eval/tasks/hrbench/utils.py", "hrbench_process_results"),
  score(scoreCase) {
    const options = optionsOf(scoreCase);
    let letter = canInfer(pyStrip(scoreCase.prediction), options, LMMS_EVAL_CAN_INFER);
    if (!letter) {
      const reply = pyStrip(scoreCase.judge_output ?? "");
      if (reply === "" || reply.includes("Failed to obtain answer via API")) return { score: 0, extracted: null, judgeFailed: true };
      letter = canInfer(reply, options, LMMS_EVAL_CAN_INFER);
      if (!letter) return { score: 0, extracted: null, judgeFailed: true };
    }
    return { score: goldText(scoreCase).toLowerCase() === letter.toLowerCase() ? 1 : 0, extracted: letter };
  },
};

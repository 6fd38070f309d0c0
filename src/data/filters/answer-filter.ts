import { InterleafError } from "../../errors/index.js";
import type { Scorer } from "../../eval/scorer.js";
import { askJudge, type DataJudge } from "../data-judge.js";
import { drop, PASS, type DataFilter } from "../data-filter.js";

/** How the answer filter decides: a scorer from `interleaf/eval`, or a judge model. */
export type AnswerFilterOptions = { scorer: Scorer; judge?: never } | { judge: DataJudge; scorer?: never };

/**
 * R1V4's answer filter: keeps trajectories whose final answer matches the ground truth, as a
 * scorer (rule-based, e.g. exact match for FVQA) or a judge model (the report used o3-mini) says.
 * A trajectory with no ground truth or no answer is dropped; a judge whose reply cannot be read
 * drops it too, saying so.
 *
 * @example
 * ```ts
 * import { answerFilter, ANSWER_MATCH_TEMPLATE, dataJudge } from "interleaf/data";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const filter = answerFilter({ judge: dataJudge(scriptedModel(["Verdict: yes"]), ANSWER_MATCH_TEMPLATE) });
 * console.log(filter.name); // "answer"
 * ```
 */
export function answerFilter(options: AnswerFilterOptions): DataFilter {
  if (!options.scorer && !options.judge) throw new InterleafError("invalid_argument", "answerFilter needs a scorer or a judge");
  return {
    name: "answer",
    version: options.scorer ? `1+scorer:${options.scorer.id}` : `1+judge:${options.judge!.template.id}@${options.judge!.template.version}`,
    async check(record, context) {
      if (record.gold === undefined || record.gold === null) return drop("no ground truth is known for this item");
      if (record.answer === null) return drop("the trajectory has no answer");
      if (options.scorer) {
        // Scorers read the raw reply, as upstream does (they extract the answer themselves).
        const prediction = record.steps.findLast((step) => step.kind === "answer")?.raw || record.answer;
        const { score } = options.scorer.score({ ...record.facts, ...(record.category ? { category: record.category } : {}), id: record.threadId, prediction, gold: record.gold, question: record.question });
        return score === true || (typeof score === "number" && score >= 1) ? PASS : drop(`${options.scorer.id} scores the answer ${String(score)}`);
      }
      const gold = typeof record.gold === "string" ? record.gold : JSON.stringify(record.gold);
      const verdict = await askJudge(options.judge!, { question: record.question, gold, answer: record.answer }, [], context, context.signal);
      if (verdict.verdict === "yes") return PASS;
      return drop(verdict.verdict === "no" ? "the judge says the answer does not match the ground truth" : `the judge's reply could not be read (${verdict.problem})`);
    },
  };
}

import { askJudge, type DataJudge } from "../data-judge.js";
import { drop, PASS, type DataFilter } from "../data-filter.js";

/**
 * R1V4's last-thought/answer consistency: a judge model reads the final thought and the answer and
 * says whether they agree. Without a final thought or an answer, the trajectory is dropped.
 *
 * @example
 * ```ts
 * import { dataJudge, finalConsistencyFilter, FINAL_CONSISTENCY_TEMPLATE } from "interleaf/data";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const filter = finalConsistencyFilter(dataJudge(scriptedModel(["Verdict: yes"]), FINAL_CONSISTENCY_TEMPLATE));
 * console.log(filter.name); // "final-consistency"
 * ```
 */
export function finalConsistencyFilter(judge: DataJudge): DataFilter {
  return {
    name: "final-consistency",
    version: `1+judge:${judge.template.id}@${judge.template.version}`,
    async check(record, context) {
      const last = record.steps.at(-1);
      if (!last || last.kind !== "answer" || record.answer === null) return drop("the trajectory does not end with an answer");
      if (last.thought.trim() === "") return drop("the answer comes with no final thought");
      const verdict = await askJudge(judge, { question: record.question, thought: last.thought, answer: record.answer }, [], context, context.signal);
      if (verdict.verdict === "yes") return PASS;
      return drop(verdict.verdict === "no" ? "the judge says the final thought does not agree with the answer" : `the judge's reply could not be read (${verdict.problem})`);
    },
  };
}

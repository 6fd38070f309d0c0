import { inlineJson } from "../../dialects/inline-json.js";
import { askJudge, type DataJudge } from "../data-judge.js";
import { drop, PASS, type DataFilter } from "../data-filter.js";

/**
 * R1V4's stepwise consistency: every image a tool produced is shown to a vision judge with the
 * thought that follows it; a blank or misplaced crop followed by "I can see it" is rejected. The
 * first disagreeing step drops the trajectory (later steps are not judged).
 *
 * @example
 * ```ts
 * import { dataJudge, stepConsistencyFilter, STEP_CONSISTENCY_TEMPLATE } from "interleaf/data";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const filter = stepConsistencyFilter(dataJudge(scriptedModel(["Verdict: yes"]), STEP_CONSISTENCY_TEMPLATE));
 * console.log(filter.name); // "step-consistency"
 * ```
 */
export function stepConsistencyFilter(judge: DataJudge): DataFilter {
  return {
    name: "step-consistency",
    version: `1+judge:${judge.template.id}@${judge.template.version}`,
    async check(record, context) {
      for (const [position, step] of record.steps.entries()) {
        const next = record.steps.slice(position + 1).find((later) => later.source !== "graph");
        for (const call of step.calls) {
          for (const image of call.observation.images) {
            if (!next) return drop(`the image of step ${step.index} is followed by no thought`);
            const inputs = { question: record.question, action: `${call.name} ${inlineJson(call.arguments)}`, thought: next.thought };
            const verdict = await askJudge(judge, inputs, [{ type: "image", ref: image }], context, context.signal);
            if (verdict.verdict === "no") return drop(`the judge says the image of step ${step.index} (${call.name}) does not match the thought of step ${next.index}`);
            if (verdict.verdict === "failed") return drop(`the judge's reply on step ${step.index} could not be read (${verdict.problem})`);
          }
        }
      }
      return PASS;
    },
  };
}

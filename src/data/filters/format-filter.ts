import { drop, PASS, type DataFilter } from "../data-filter.js";

/**
 * R1V4's format filter: every model turn is a thought and one action, or a thought and the answer,
 * and the trajectory ends with the answer. Steps the graph ran on its own (not model turns) are
 * not judged.
 *
 * @example
 * ```ts
 * import { formatFilter } from "interleaf/data";
 *
 * console.log(formatFilter().name); // "format"
 * ```
 */
export function formatFilter(): DataFilter {
  return {
    name: "format",
    version: "1",
    async check(record) {
      const turns = record.steps.filter((step) => step.source !== "graph");
      for (const step of turns) {
        if (step.kind === "malformed") return drop(`step ${step.index} is malformed: ${step.problem ?? "not understood"}`);
        if (step.thought.trim() === "") return drop(`step ${step.index} has no thought`);
        if (step.kind === "tool_calls" && step.calls.length !== 1) return drop(`step ${step.index} has ${step.calls.length} actions, not one`);
      }
      const last = turns.at(-1);
      if (!last || last.kind !== "answer") return drop("the trajectory does not end with an answer");
      return PASS;
    },
  };
}

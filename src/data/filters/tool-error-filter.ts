import { drop, PASS, type DataFilter } from "../data-filter.js";

/**
 * Drops trajectories in which a tool or the code sandbox failed (R1V4 §4: "trajectories with
 * sandbox errors ... were removed").
 *
 * @example
 * ```ts
 * import { toolErrorFilter } from "interleaf/data";
 *
 * console.log(toolErrorFilter().name); // "tool-errors"
 * ```
 */
export function toolErrorFilter(): DataFilter {
  return {
    name: "tool-errors",
    version: "1",
    async check(record) {
      for (const step of record.steps) {
        for (const call of step.calls) {
          const error = call.observation.error;
          if (error) return drop(`step ${step.index}: ${call.name} failed (${error.code}: ${error.message})`);
        }
      }
      return PASS;
    },
  };
}

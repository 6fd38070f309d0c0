import { drop, PASS, type DataFilter } from "../data-filter.js";
import { callsOf } from "../trajectory-record.js";

/** Bounds on a trajectory's number of tool calls. */
export interface LengthFilterOptions {
  /** Fewest tool calls kept (default 0). */
  minToolCalls?: number;
  /** Most tool calls kept (default unbounded). */
  maxToolCalls?: number;
}

/**
 * Keeps trajectories whose number of tool calls lies within a range.
 *
 * @example
 * ```ts
 * import { lengthFilter } from "interleaf/data";
 *
 * const filter = lengthFilter({ minToolCalls: 1, maxToolCalls: 10 });
 * console.log(filter.name); // "length"
 * ```
 */
export function lengthFilter(options: LengthFilterOptions = {}): DataFilter {
  const min = options.minToolCalls ?? 0;
  const max = options.maxToolCalls ?? Number.POSITIVE_INFINITY;
  return {
    name: "length",
    version: "1",
    async check(record) {
      const count = callsOf(record).length;
      if (count < min) return drop(`${count} tool call${count === 1 ? "" : "s"}, fewer than ${min}`);
      if (count > max) return drop(`${count} tool calls, more than ${max}`);
      return PASS;
    },
  };
}

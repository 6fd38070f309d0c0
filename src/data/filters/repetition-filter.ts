import type { Box } from "../../images/coordinates.js";
import { originBox } from "../../images/origin-box.js";
import { intersectionOverUnion } from "../../images/box-overlap.js";
import { stableStringify } from "../../util/stable-json.js";
import { drop, PASS, type DataFilter } from "../data-filter.js";
import { callsOf } from "../trajectory-record.js";

/** When looking again counts as repeating oneself. */
export interface RepetitionFilterOptions {
  /**
   * Two consecutive produced images whose boxes in the original image overlap at least this much
   * (intersection over union) are a re-crop of the same region. Default 0.9.
   */
  maxBoxOverlap?: number;
}

/**
 * Drops trajectories that repeat themselves (R1V4 §4: "repeated re-cropping"): the same call twice
 * (the same search, the same page, the same crop), or consecutive images that cover nearly the same
 * region of the original image, mapped through their provenance (a crop of a zoom lands where it
 * really is).
 *
 * @example
 * ```ts
 * import { repetitionFilter } from "interleaf/data";
 *
 * console.log(repetitionFilter({ maxBoxOverlap: 0.8 }).name); // "repetition"
 * ```
 */
export function repetitionFilter(options: RepetitionFilterOptions = {}): DataFilter {
  const maxOverlap = options.maxBoxOverlap ?? 0.9;
  return {
    name: "repetition",
    version: "1",
    async check(record) {
      const seen = new Map<string, number>();
      let previous: { box: Box; origin: string; step: number } | undefined;
      for (const call of callsOf(record)) {
        const key = `${call.name} ${stableStringify(call.arguments)}`;
        const first = seen.get(key);
        if (first !== undefined) return drop(`step ${call.step} repeats the ${call.name} call of step ${first}`);
        seen.set(key, call.step);
        for (const image of call.images) {
          const box = originBox(image);
          if (!box || image.parent === undefined) continue;
          const origin = image.origin ?? image.parent;
          if (previous && previous.origin === origin && intersectionOverUnion(previous.box, box) >= maxOverlap) {
            return drop(`step ${call.step} crops again the region of step ${previous.step} (overlap ${intersectionOverUnion(previous.box, box).toFixed(2)})`);
          }
          previous = { box, origin, step: call.step };
        }
      }
      return PASS;
    },
  };
}

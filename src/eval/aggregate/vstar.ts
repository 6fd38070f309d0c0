import { asNumber, mean, type ItemScore } from "./item-score.js";

/** V* accuracy: per category and overall, each the fraction of items correct (lmms-eval prints them ×100). */
export interface VStarAccuracy {
  /** Micro average over all items. */
  overall: number;
  /** By category (`direct_attributes`, `relative_position`). */
  byCategory: Record<string, number>;
}

/**
 * V* aggregation as lmms-eval's `vstar_aggregate_results`: the overall score is micro-averaged over
 * items (not the mean of the two categories).
 *
 * @example
 * ```ts
 * import { aggregateVStar } from "interleaf/eval";
 * aggregateVStar([{ category: "direct_attributes", score: 1 }, { category: "relative_position", score: 0 }]).overall; // 0.5
 * ```
 */
export function aggregateVStar(items: readonly { category: string; score: ItemScore }[]): VStarAccuracy {
  const byCategory = new Map<string, number[]>();
  for (const item of items) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), asNumber(item.score)]);
  return {
    overall: mean(items.map((item) => asNumber(item.score))),
    byCategory: Object.fromEntries([...byCategory].map(([category, scores]) => [category, mean(scores)])),
  };
}

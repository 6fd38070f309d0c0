import { asNumber, mean, type ItemScore } from "./item-score.js";

/** One HR-Bench item: its cycle group (`cycle_category`), its category (`single` = FSP, `cross` = FCP) and its score. */
export interface HrBenchItem {
  cycle_category: string;
  category: string;
  score: ItemScore;
}

/** HR-Bench accuracy as VLMEvalKit's `report_acc_hrbench` computes it, plus Table 2's columns. */
export interface HrBenchAccuracy {
  /** Per cycle group: `all` and each category, means of the items of that group. */
  byCycle: Record<string, Record<string, number>>;
  /** The "Average" rows: for `all` and each category, the sum over cycle groups divided by the number of groups. */
  average: Record<string, number>;
  /** Fine-grained single-instance perception: `average.single`. */
  fsp: number;
  /** Fine-grained cross-instance perception: `average.cross`. */
  fcp: number;
  /** (FSP + FCP) / 2, the overall column of the HR-Bench tables. */
  overall: number;
}

/**
 * HR-Bench aggregation: accuracies within each `cycle_category` group (the same question with its
 * options rotated), averaged over groups (VLMEvalKit `vlmeval/dataset/utils/hrbench.py`
 * `report_acc_hrbench`); overall = (FSP + FCP) / 2. A category missing from a group still divides by
 * the number of groups, as upstream does.
 *
 * @example
 * ```ts
 * import { aggregateHrBench } from "interleaf/eval";
 * const result = aggregateHrBench([
 *   { cycle_category: "c1", category: "single", score: 1 },
 *   { cycle_category: "c1", category: "cross", score: 0 },
 * ]);
 * result.overall; // 0.5
 * ```
 */
export function aggregateHrBench(items: readonly HrBenchItem[]): HrBenchAccuracy {
  const groups = new Map<string, HrBenchItem[]>();
  for (const item of items) groups.set(item.cycle_category, [...(groups.get(item.cycle_category) ?? []), item]);
  const byCycle: Record<string, Record<string, number>> = {};
  const sums = new Map<string, number>();
  for (const [cycle, groupItems] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const scores: Record<string, number> = { all: mean(groupItems.map((item) => asNumber(item.score))) };
    for (const category of new Set(groupItems.map((item) => item.category))) {
      scores[category] = mean(groupItems.filter((item) => item.category === category).map((item) => asNumber(item.score)));
    }
    byCycle[cycle] = scores;
    for (const [type, accuracy] of Object.entries(scores)) sums.set(type, (sums.get(type) ?? 0) + accuracy);
  }
  const average = Object.fromEntries([...sums].map(([type, sum]) => [type, sum / groups.size]));
  const fsp = average.single ?? Number.NaN;
  const fcp = average.cross ?? Number.NaN;
  return { byCycle, average, fsp, fcp, overall: (fsp + fcp) / 2 };
}

import { asNumber, mean, type ItemScore } from "./item-score.js";

/** One TreeBench item: its `Task/Subtask` category (`Perception/Attributes`, ...), its score and its box IoU. */
export interface TreeBenchItem {
  category: string;
  score: ItemScore;
  iou: ItemScore;
}

/** TreeBench accuracy per subtask, overall (micro) and the mean IoU. */
export interface TreeBenchAccuracy {
  overall: number;
  /** The mean box IoU over all items (`true` counts as 1, as `numpy.mean` does). */
  mIoU: number;
  byTask: Record<string, Record<string, number>>;
}

/**
 * TreeBench aggregation as VLMEvalKit's `vlmeval/dataset/utils/treebench.py` `get_dimension_rating`:
 * accuracy per subtask, overall micro-averaged over items (items with a negative score are left out
 * of the accuracies, as upstream), mIoU the mean of every item's IoU.
 *
 * @example
 * ```ts
 * import { aggregateTreeBench } from "interleaf/eval";
 * aggregateTreeBench([{ category: "Perception/OCR", score: 1, iou: 0.5 }, { category: "Reasoning/Ordering", score: 0, iou: 0 }]);
 * // { overall: 0.5, mIoU: 0.25, byTask: { Perception: { OCR: 1 }, Reasoning: { Ordering: 0 } } }
 * ```
 */
export function aggregateTreeBench(items: readonly TreeBenchItem[]): TreeBenchAccuracy {
  const counts = new Map<string, Map<string, { correct: number; total: number }>>();
  let correct = 0;
  let total = 0;
  for (const item of items) {
    const [task = "", subtask = ""] = item.category.split("/");
    const score = asNumber(item.score);
    const subtasks = counts.get(task) ?? new Map<string, { correct: number; total: number }>();
    const tally = subtasks.get(subtask) ?? { correct: 0, total: 0 };
    if (score >= 0) {
      tally.correct += score;
      tally.total += 1;
      correct += score;
      total += 1;
    }
    subtasks.set(subtask, tally);
    counts.set(task, subtasks);
  }
  const byTask = Object.fromEntries([...counts].map(([task, subtasks]) => [task, Object.fromEntries([...subtasks].map(([subtask, tally]) => [subtask, tally.total > 0 ? tally.correct / tally.total : 0]))]));
  return { overall: correct / total, mIoU: mean(items.map((item) => asNumber(item.iou))), byTask };
}

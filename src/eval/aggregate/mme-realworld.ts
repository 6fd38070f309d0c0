import { asNumber, type ItemScore } from "./item-score.js";

/** One MME-RealWorld item: its task (`Perception`, `Reasoning`), subtask (`OCR with Complex Context`, ...) and score. */
export interface MmeRealWorldItem {
  task: string;
  subtask: string;
  score: ItemScore;
}

/** Item-weighted accuracies: per subtask, per task, overall. */
export interface MmeRealWorldAccuracy {
  overall: number;
  byTask: Record<string, { accuracy: number; bySubtask: Record<string, number> }>;
}

/**
 * MME-RealWorld aggregation as the official `eval_your_results.py` and lmms-eval's
 * `mme_realworld_aggregate_results` compute it: correct over items within each subtask and within
 * each task (item-weighted, not the mean of subtask accuracies), and over all items.
 *
 * @example
 * ```ts
 * import { aggregateMmeRealWorld } from "interleaf/eval";
 * const result = aggregateMmeRealWorld([
 *   { task: "Perception", subtask: "OCR with Complex Context", score: true },
 *   { task: "Perception", subtask: "Remote Sensing", score: false },
 *   { task: "Perception", subtask: "Remote Sensing", score: false },
 * ]);
 * result.byTask.Perception?.accuracy; // 1 / 3
 * ```
 */
export function aggregateMmeRealWorld(items: readonly MmeRealWorldItem[]): MmeRealWorldAccuracy {
  const tally = new Map<string, Map<string, { correct: number; total: number }>>();
  for (const item of items) {
    const subtasks = tally.get(item.task) ?? new Map<string, { correct: number; total: number }>();
    const counts = subtasks.get(item.subtask) ?? { correct: 0, total: 0 };
    counts.correct += asNumber(item.score);
    counts.total += 1;
    subtasks.set(item.subtask, counts);
    tally.set(item.task, subtasks);
  }
  let correct = 0;
  let total = 0;
  const byTask: MmeRealWorldAccuracy["byTask"] = {};
  for (const [task, subtasks] of tally) {
    let taskCorrect = 0;
    let taskTotal = 0;
    const bySubtask: Record<string, number> = {};
    for (const [subtask, counts] of subtasks) {
      bySubtask[subtask] = counts.total === 0 ? 0 : counts.correct / counts.total;
      taskCorrect += counts.correct;
      taskTotal += counts.total;
    }
    byTask[task] = { accuracy: taskTotal === 0 ? 0 : taskCorrect / taskTotal, bySubtask };
    correct += taskCorrect;
    total += taskTotal;
  }
  return { overall: correct / total, byTask };
}

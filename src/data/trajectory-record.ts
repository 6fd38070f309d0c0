import type { ImageRef } from "../images/image-ref.js";
import type { PlanVersion } from "../planning/plan.js";
import type { Stop } from "../state/budgets.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import type { ScoreCase } from "../eval/scorer.js";

/** What a benchmark's scorer reads besides the prediction and the gold: the options, alternatives, boxes. */
export type ItemFacts = Pick<ScoreCase, "options" | "choices" | "candidates" | "alternative_gt_answers" | "target_instances">;

/**
 * One finished thread as the data engine sees it: the question, its input images, every step, the
 * answer, and what is known about the item (the ground truth, the benchmark and category it came
 * from, an eval score). Built from a thread's state with {@link trajectoryRecord}.
 */
export interface TrajectoryRecord {
  threadId: string;
  question: string;
  images: readonly ImageRef[];
  steps: readonly TrajectoryStep[];
  answer: string | null;
  stop: Stop | null;
  plans: readonly PlanVersion[];
  /** The ground truth, when known (from an eval run or a labels file). */
  gold?: unknown;
  benchmark?: string;
  category?: string;
  /** What the answer filter's scorer reads besides the gold (options, candidate answers, boxes). */
  facts?: ItemFacts;
}

/** What {@link trajectoryRecord} reads: an agent's state (or the result of `agent.state(threadId)`). */
export interface ThreadValues {
  question: string;
  images?: readonly ImageRef[];
  steps?: readonly TrajectoryStep[];
  answer?: string | null;
  stop?: Stop | null;
  plans?: readonly PlanVersion[];
}

/**
 * A thread's state as a {@link TrajectoryRecord}, with what is known about its item.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { trajectoryRecord } from "interleaf/data";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(["<think>Easy.</think>\n<answer>4</answer>"]), dialect: r1v4Dialect() });
 * const { threadId } = await agent.run({ question: "2 + 2?" });
 * const state = await agent.state(threadId);
 * const record = trajectoryRecord(threadId, state!, { gold: "4" });
 * console.log(record.answer, record.steps.length); // "4" 1
 * ```
 */
export function trajectoryRecord(threadId: string, values: ThreadValues, known: Pick<TrajectoryRecord, "gold" | "benchmark" | "category" | "facts"> = {}): TrajectoryRecord {
  return {
    threadId,
    question: values.question,
    images: values.images ?? [],
    steps: values.steps ?? [],
    answer: values.answer ?? null,
    stop: values.stop ?? null,
    plans: values.plans ?? [],
    ...known,
  };
}

/** Every tool call of a trajectory, in order, with the index of its step. */
export function callsOf(record: Pick<TrajectoryRecord, "steps">): { step: number; name: string; arguments: unknown; failed: boolean; images: readonly ImageRef[] }[] {
  return record.steps.flatMap((step) =>
    step.calls.map((call) => ({ step: step.index, name: call.name, arguments: call.arguments, failed: call.observation.error !== undefined, images: call.observation.images })),
  );
}

import type { RunJobOutcome } from "./run-job.js";
import { jobIdOf, type RunQueue } from "./run-queue.js";

/** Where a queued run is: BullMQ's job state, or `unknown` for a thread never enqueued (or removed). */
export type RunState = "waiting" | "delayed" | "active" | "completed" | "failed" | "prioritized" | "waiting-children" | "unknown";

/** A queued run as any machine sees it. */
export interface QueuedRunStatus {
  threadId: string;
  state: RunState;
  /** Attempts that failed and were retried (a crashed worker's attempt is not counted). */
  attemptsMade: number;
  /** The last step a worker reported, and which worker. */
  progress?: { step: number; worker: string };
  /** The outcome of a completed run. */
  outcome?: RunJobOutcome;
  /** Why the last attempt failed. */
  failedReason?: string;
}

/**
 * The status of one queued run, read from Redis: from any machine, while it waits, runs or after
 * it ended. The thread itself (trajectory, images) is read from the shared storage, e.g. with an
 * agent's `state(threadId)`.
 *
 * @example
 * ```ts
 * import { runQueue, runStatus } from "interleaf/workers";
 *
 * const queue = runQueue("redis://127.0.0.1:6379");
 * const status = await runStatus(queue, "fvqa-17");
 * console.log(status.state, status.outcome?.answer);
 * await queue.close();
 * ```
 */
export async function runStatus(queue: RunQueue, threadId: string): Promise<QueuedRunStatus> {
  const job = await queue.getJob(jobIdOf(threadId));
  if (!job) return { threadId, state: "unknown", attemptsMade: 0 };
  const state = (await job.getState()) as RunState;
  const progress = job.progress as { step?: unknown; worker?: unknown } | number | undefined;
  return {
    threadId,
    state,
    attemptsMade: job.attemptsMade,
    ...(typeof progress === "object" && typeof progress.step === "number" && typeof progress.worker === "string" ? { progress: { step: progress.step, worker: progress.worker } } : {}),
    ...(state === "completed" && job.returnvalue ? { outcome: job.returnvalue } : {}),
    ...(job.failedReason ? { failedReason: job.failedReason } : {}),
  };
}

/** How many runs of a queue are in each state. */
export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  failed: number;
}

/**
 * Counts the runs of a queue by state (waiting includes prioritized runs), from any machine.
 *
 * @example
 * ```ts
 * import { queueCounts, runQueue } from "interleaf/workers";
 *
 * const queue = runQueue("redis://127.0.0.1:6379");
 * console.log(await queueCounts(queue)); // { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 }
 * await queue.close();
 * ```
 */
export async function queueCounts(queue: RunQueue): Promise<QueueCounts> {
  const counts = await queue.getJobCounts("waiting", "prioritized", "delayed", "active", "completed", "failed");
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    delayed: counts.delayed ?? 0,
    active: counts.active ?? 0,
    completed: counts.completed ?? 0,
    failed: counts.failed ?? 0,
  };
}

import { RunJobSchema, type RunJob } from "./run-job.js";
import { jobIdOf, type RunQueue } from "./run-queue.js";

/** Options of {@link enqueueRun}. */
export interface EnqueueRunOptions {
  /**
   * Attempts before the job is marked failed (default 8). A failed attempt (the model or the
   * database was unreachable) is retried with exponential backoff from 1 s, resuming the thread
   * from its last checkpoint; a crashed worker's attempt is picked up again without counting.
   */
  attempts?: number;
  /** Higher runs first (BullMQ priority: 1 is highest); default in order of arrival. */
  priority?: number;
}

/**
 * Queues one agent run for the workers: validated, stored in Redis as the job whose id is derived
 * from the thread id. Enqueuing a thread that is already queued, running or done adds nothing, so
 * a caller that retries after a lost answer never runs an item twice. Returns the job id.
 *
 * @example
 * ```ts
 * import { enqueueRun, runQueue } from "interleaf/workers";
 *
 * const queue = runQueue("redis://127.0.0.1:6379");
 * await enqueueRun(queue, { threadId: "fvqa-17", spec: { mode: "general", dialect: "r1v4", model: "vllm:Qwen2.5-VL-7B", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" }, input: { question: "What is on the mug?" } });
 * await queue.close();
 * ```
 */
export async function enqueueRun(queue: RunQueue, job: RunJob, options: EnqueueRunOptions = {}): Promise<string> {
  const data = RunJobSchema.parse(job);
  const added = await queue.add("run", data, {
    jobId: jobIdOf(data.threadId),
    attempts: options.attempts ?? 8,
    backoff: { type: "exponential", delay: 1_000 },
    ...(options.priority === undefined ? {} : { priority: options.priority }),
  });
  return added.id ?? jobIdOf(data.threadId);
}

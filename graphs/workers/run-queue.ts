import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { redisConnection } from "./redis-connection.js";
import type { RunJob, RunJobOutcome } from "./run-job.js";

/** The queue `interleaf worker` and `enqueueRun` use unless told another. */
export const DEFAULT_RUN_QUEUE = "interleaf-runs";

/** A BullMQ queue of agent runs. */
export type RunQueue = Queue<RunJob, RunJobOutcome, "run">;

/**
 * Opens the BullMQ queue of agent runs on a Redis server (a `redis://` URL or an ioredis
 * connection), to enqueue runs and read their status from any machine. Close it with
 * `queue.close()` (a connection passed in stays open).
 *
 * @example
 * ```ts
 * import { runQueue } from "interleaf/workers";
 *
 * const queue = runQueue("redis://127.0.0.1:6379");
 * console.log(queue.name); // "interleaf-runs"
 * await queue.close();
 * ```
 */
export function runQueue(connection: Redis | string, name: string = DEFAULT_RUN_QUEUE): RunQueue {
  const owned = typeof connection === "string";
  const redis = owned ? redisConnection(connection) : connection;
  const queue: RunQueue = new Queue(name, { connection: redis });
  // Connection errors while Redis is away are retried; the calls waiting on it report them.
  queue.on("error", () => {});
  if (owned) {
    const close = queue.close.bind(queue);
    queue.close = async () => {
      await close();
      redis.disconnect();
    };
  }
  return queue;
}

/** The queue job id of a thread: one job per thread, whatever characters its id has. */
export function jobIdOf(threadId: string): string {
  return `run-${encodeURIComponent(threadId)}`;
}

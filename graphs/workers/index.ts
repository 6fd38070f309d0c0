/**
 * Agent runs distributed over machines: a BullMQ queue on Redis hands runs to workers that keep
 * their threads in shared Postgres storage. `enqueueRun` queues a run, `createWorker` runs them
 * (crash-safe: a killed worker's run is resumed by another from its last checkpoint),
 * `runStatus` and `queueCounts` read progress from any machine, and `rateLimitedFetch` keeps all
 * workers within each model endpoint's and search provider's limits. See docs/workers.md.
 *
 * @packageDocumentation
 * @module interleaf/workers
 */
export { RunJobSchema, type RunJob, type RunJobOutcome } from "./run-job.js";
export { redisConnection } from "./redis-connection.js";
export { runQueue, DEFAULT_RUN_QUEUE, type RunQueue } from "./run-queue.js";
export { enqueueRun, type EnqueueRunOptions } from "./enqueue-run.js";
export { createWorker, poolSizeFor, type CreateWorkerOptions, type RunWorker, type WorkerEnvironment, type FinishedRun } from "./create-worker.js";
export { runStatus, queueCounts, type QueuedRunStatus, type RunState, type QueueCounts } from "./run-status.js";
export { redisRateLimiter, type RateLimit, type RateLimiter, type RedisRateLimiterOptions } from "./rate-limits/redis-rate-limiter.js";
export { rateLimitedFetch, type RateLimitedFetchOptions } from "./rate-limits/rate-limited-fetch.js";
export { enqueueEval, scoreEvalJob, evalRunCounts, type EnqueueEvalOptions, type EnqueuedEval, type EvalRunCounts } from "./eval-jobs.js";

import { hostname } from "node:os";
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { Agent } from "../../src/executor/agent.js";
import type { RunResult } from "../../src/executor/run-result.js";
import { InterleafError } from "../../src/errors/index.js";
import { openStorage } from "../../src/storage/open-storage.js";
import type { Storage } from "../../src/storage/storage.js";
import { agentFromSpec } from "../agent-spec/agent-from-spec.js";
import type { AgentSpec } from "../agent-spec/agent-spec.js";
import { rateLimitedFetch } from "./rate-limits/rate-limited-fetch.js";
import type { RateLimit } from "./rate-limits/redis-rate-limiter.js";
import { redisConnection } from "./redis-connection.js";
import { RunJobSchema, type RunJob, type RunJobOutcome } from "./run-job.js";
import { DEFAULT_RUN_QUEUE } from "./run-queue.js";
import { runThread } from "./run-thread.js";

/** What an agent factory gets: the worker's storage and its rate-limited fetch. */
export interface WorkerEnvironment {
  storage: Storage;
  /** Sends requests within the worker's shared `rateLimits` (the global fetch when there are none). */
  fetch: typeof fetch;
}

/** A thread a worker has run to its end, handed to `afterRun`. */
export interface FinishedRun {
  job: RunJob;
  result: RunResult;
  agent: Agent;
}

/** Options of {@link createWorker}. */
export interface CreateWorkerOptions {
  /** The Redis server: a `redis://` URL or an ioredis connection (kept open on close). */
  connection: Redis | string;
  /** Where threads live, shared by every worker: an opened storage or a spec (`postgres://…`). */
  storage: Storage | string;
  /** The queue's name (default `interleaf-runs`). */
  queue?: string;
  /** Jobs run at once by this worker (default 1). Sizes the Postgres pool when `storage` is a spec. */
  concurrency?: number;
  /**
   * Builds the agent of a job's spec (default `agentFromSpec` on the worker's storage, with the
   * rate-limited fetch). Built once per distinct spec and reused.
   */
  agents?: (spec: AgentSpec, environment: WorkerEnvironment) => Promise<Agent>;
  /** Limits per endpoint origin (model endpoints, search providers), shared by all workers through Redis. */
  rateLimits?: Record<string, RateLimit>;
  /** Prefix of the limits' Redis keys (default `interleaf:limit`): workers sharing limits use the same one. */
  rateLimitKeyPrefix?: string;
  /**
   * Runs after a thread ended (answered or stopped), before the job completes; what it returns is
   * the outcome's `after`. This is where an evaluation scores an item. It may run again for the same
   * thread if the worker dies before the job completes, so it must be idempotent.
   */
  afterRun?: (finished: FinishedRun) => Promise<unknown>;
  /** Relative `script` paths in specs and the local search index (see `agentFromSpec`). */
  cwd?: string;
  indexDir?: string;
  /**
   * How long a job's lock lasts without renewal (default 30 s). A worker that dies stops renewing;
   * after this, the next stalled check hands its job to another worker.
   */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for (default 30 s). */
  stalledIntervalMs?: number;
  /** Crashes one job may survive before it is failed (default 5). */
  maxStalledCount?: number;
  /** Called with errors of the queue connection (Redis down); default: ignored, the worker reconnects. */
  onError?: (error: Error) => void;
}

/** A running worker. */
export interface RunWorker {
  /** `host:pid#n`, as recorded in outcomes. */
  readonly id: string;
  /** The BullMQ worker, for its events (`active`, `completed`, `failed`, `stalled`, `progress`). */
  readonly worker: Worker<RunJob, RunJobOutcome, "run">;
  /** The storage the worker runs threads on. */
  readonly storage: Storage;
  /**
   * Stops taking jobs and lets the running ones finish for up to `graceMs` (default 30 s); then
   * interrupts them: each keeps its last checkpoint and goes back to the queue at once, for another
   * worker to resume. Closes what the worker opened (storage given as a spec, Redis given as a URL).
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

let workersInProcess = 0;

/**
 * Starts a worker that takes agent runs from a BullMQ queue (see `enqueueRun`) and runs them on
 * shared storage. A job starts its thread, or resumes it from its last checkpoint when an earlier
 * attempt left one: a worker killed mid-run (SIGKILL, a lost machine) stops renewing its job's
 * lock, BullMQ's stalled-job check gives the job to another worker, and that one continues the
 * thread without repeating finished tool calls. The thread lock (a Postgres advisory lock, freed
 * by the server when the dead worker's connection drops) keeps two workers off one thread.
 *
 * A failed attempt (model or database unreachable) is retried with backoff; a thread another
 * worker still holds is put back for a second later; a non-retryable failure fails the job.
 *
 * @example
 * ```ts
 * import { createWorker } from "interleaf/workers";
 *
 * const worker = await createWorker({
 *   connection: "redis://127.0.0.1:6379",
 *   storage: "postgres://postgres@127.0.0.1:5432/test",
 *   concurrency: 4,
 *   rateLimits: { "http://127.0.0.1:8000": { requestsPerSecond: 10, maxConcurrent: 8 } },
 * });
 * worker.worker.on("completed", (job, outcome) => console.log(job.id, outcome.status));
 * process.once("SIGTERM", () => void worker.close());
 * ```
 */
export async function createWorker(options: CreateWorkerOptions): Promise<RunWorker> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new InterleafError("invalid_argument", `concurrency must be a positive whole number, got ${concurrency}`, { details: { argument: "concurrency", value: concurrency } });
  }
  const ownsRedis = typeof options.connection === "string";
  const redis = typeof options.connection === "string" ? redisConnection(options.connection) : options.connection;
  const ownsStorage = typeof options.storage === "string";
  let storage: Storage;
  try {
    storage = typeof options.storage === "string" ? await openStorage(options.storage, options.cwd, { poolSize: poolSizeFor(concurrency) }) : options.storage;
  } catch (error) {
    if (ownsRedis) redis.disconnect();
    throw error;
  }
  const id = `${hostname()}:${process.pid}#${++workersInProcess}`;
  const fetch = options.rateLimits ? rateLimitedFetch(redis, { limits: options.rateLimits, ...(options.rateLimitKeyPrefix ? { keyPrefix: options.rateLimitKeyPrefix } : {}) }) : globalThis.fetch;
  const environment: WorkerEnvironment = { storage, fetch };
  const build = options.agents ?? ((spec: AgentSpec) => agentFromSpec(spec, { storage, fetch, ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.indexDir ? { indexDir: options.indexDir } : {}) }));
  const agents = new Map<string, Promise<Agent>>();
  const agentFor = (spec: AgentSpec): Promise<Agent> => {
    const key = JSON.stringify(spec);
    let agent = agents.get(key);
    if (!agent) {
      agent = build(spec, environment);
      agents.set(key, agent);
      agent.catch(() => agents.delete(key));
    }
    return agent;
  };

  const running = new Set<AbortController>();
  let closing = false;

  async function processJob(job: Job<RunJob, RunJobOutcome, "run">, token?: string): Promise<RunJobOutcome> {
    const parsed = RunJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} is not an agent run: ${parsed.error.message}`);
    const data = parsed.data;
    const controller = new AbortController();
    running.add(controller);
    try {
      let run;
      try {
        const agent = await agentFor(data.spec);
        run = await runThread(agent, data, controller.signal, (event) => {
          if (event.type === "step_finished") void job.updateProgress({ step: event.step, worker: id }).catch(() => {});
        });
        const { result, resumed } = run;
        if (result.status === "answered" || result.status === "stopped") {
          const after = options.afterRun ? await options.afterRun({ job: data, result, agent }) : undefined;
          return {
            threadId: data.threadId,
            status: result.status,
            answer: result.answer,
            stop: result.stop,
            checkpointId: result.checkpointId,
            steps: result.steps.length,
            resumed,
            worker: id,
            ...(after === undefined ? {} : { after }),
          };
        }
        if (result.status === "interrupted" && closing) {
          // Shutting down: the thread keeps its last checkpoint; the job goes back for another worker.
          await job.moveToWait(token);
          throw new WaitingError();
        }
        throw InterleafError.fromJSON(result.error ?? { code: "internal_error", message: `the run ended ${result.status}`, retryable: true });
      } catch (error) {
        if (error instanceof WaitingError || error instanceof DelayedError || error instanceof UnrecoverableError) throw error;
        if (InterleafError.isInstance(error, "thread_busy")) {
          // Another worker still runs this thread (its lock is alive): look again in a second.
          await job.moveToDelayed(Date.now() + 1_000, token);
          throw new DelayedError();
        }
        if (InterleafError.isInstance(error) && !error.retryable) throw new UnrecoverableError(`${error.code}: ${error.message}`);
        throw error;
      }
    } finally {
      running.delete(controller);
    }
  }

  const worker = new Worker<RunJob, RunJobOutcome, "run">(options.queue ?? DEFAULT_RUN_QUEUE, processJob, {
    connection: redis,
    concurrency,
    name: id,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 5,
  });
  worker.on("error", options.onError ?? (() => {}));

  let closed: Promise<void> | undefined;
  return {
    id,
    worker,
    storage,
    close({ graceMs = 30_000 } = {}) {
      closed ??= (async () => {
        closing = true;
        const timer = setTimeout(() => {
          for (const controller of running) controller.abort(new InterleafError("aborted", "the worker is shutting down"));
        }, graceMs);
        try {
          await worker.close();
        } finally {
          clearTimeout(timer);
          if (ownsStorage) await storage.close();
          if (ownsRedis) redis.disconnect();
        }
      })();
      return closed;
    },
  };
}

/**
 * Postgres connections a worker needs: each running thread holds one for its lock from start to
 * end, and its checkpoint, image and cache writes need another; two spare for status reads.
 */
export function poolSizeFor(concurrency: number): number {
  return 2 * concurrency + 2;
}

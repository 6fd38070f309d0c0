import { InterleafError } from "../../src/errors/index.js";
import { getScorer } from "../../src/eval/scorer-registry.js";
import type { Scorer } from "../../src/eval/scorer.js";
import { openDataset } from "../../src/eval/datasets/open-dataset.js";
import { isFinished, type EvalThreadRecord, type EvalThreadStatus } from "../../src/eval/runs/eval-run-record.js";
import { EvalRunTable } from "../../src/eval/runs/eval-run-table.js";
import { evalThreadId } from "../../src/eval/runs/eval-thread-id.js";
import { prepareEvalRun, type RunEvalOptions } from "../../src/eval/runs/run-eval.js";
import { applyScorers, headlineScore } from "../../src/eval/runs/score-thread.js";
import { scoredItemOf, withRunOutcome } from "../../src/eval/runs/thread-outcome.js";
import { ingestInputImages } from "../../src/executor/run-input.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import type { Storage } from "../../src/storage/storage.js";
import { AgentSpecSchema, type AgentSpec } from "../agent-spec/agent-spec.js";
import type { FinishedRun } from "./create-worker.js";
import { enqueueRun } from "./enqueue-run.js";
import type { RunQueue } from "./run-queue.js";

/** What {@link enqueueEval} needs: an eval run's options (as `runEval` takes them) and the queue. */
export interface EnqueueEvalOptions extends Omit<RunEvalOptions, "makeAgent" | "agent" | "concurrency" | "retries" | "retryBaseMs" | "tokenBudget" | "onProgress" | "judge"> {
  /** The agent every thread runs, built by the workers from this spec. */
  agent: AgentSpec;
  queue: RunQueue;
}

/** What {@link enqueueEval} did: the run, and how many threads it queued or found already finished. */
export interface EnqueuedEval {
  runId: string;
  enqueued: number;
  skipped: number;
}

/**
 * Puts an eval run on a queue instead of running it here: the run is recorded in the shared storage
 * (as `runEval` records it), each unfinished (item, sample) gets a `queued` thread record and a job
 * whose thread id is the run's own, and workers (`createWorker` with `afterRun:
 * scoreEvalJob(storage)`, or `interleaf worker`) run and score them. Enqueuing again skips finished
 * threads and re-queues the others, so a stopped run is continued by the same call. Judged runs are
 * scored after the workers finish (`interleaf eval score <run> --judge …`).
 *
 * @example
 * ```ts
 * import { datasetRefFor } from "interleaf/eval";
 * import { openStorage } from "interleaf/storage";
 * import { enqueueEval, runQueue } from "interleaf/workers";
 *
 * const storage = await openStorage("postgres://postgres@127.0.0.1:5432/test");
 * const queue = runQueue("redis://127.0.0.1:6379");
 * const { runId, enqueued } = await enqueueEval({ queue, storage, dataset: datasetRefFor("fvqa.parquet"), agent: { mode: "general", dialect: "r1v4", model: "vllm:my-model", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" } });
 * console.log(runId, enqueued);
 * ```
 */
export async function enqueueEval(options: EnqueueEvalOptions): Promise<EnqueuedEval> {
  const { queue, storage } = options;
  const config = await prepareEvalRun(options);
  const table = new EvalRunTable(storage.cache);
  const generation = config.generation;
  const spec = AgentSpecSchema.parse({
    ...config.agent,
    sampling: { temperature: generation.temperature, ...(generation.maxTokens !== null ? { maxTokens: generation.maxTokens } : {}) },
  });
  let enqueued = 0;
  let skipped = 0;
  let items = 0;
  for await (const item of openDataset(config.dataset, storage.images).items()) {
    if (options.limit !== undefined && items >= options.limit) break;
    items += 1;
    let images: ImageRef[] | undefined;
    for (let sample = 0; sample < config.samples; sample++) {
      const threadId = evalThreadId(config.runId, item.id, sample);
      const existing = await table.thread(config.runId, threadId);
      if (existing && isFinished(existing.status)) {
        skipped += 1;
        continue;
      }
      // Stored once per item, and only when one of its samples is still to run.
      images ??= await ingestInputImages(item.images, storage.images);
      const now = Date.now();
      const record: EvalThreadRecord = existing
        ? { ...existing, status: "queued", updatedAt: now }
        : { threadId, itemId: item.id, sample, status: "queued", item: scoredItemOf(item), answer: null, raw: "", scores: {}, usage: { inputTokens: 0, outputTokens: 0 }, turns: 0, toolCalls: 0, latencyMs: 0, attempts: 0, startedAt: now, updatedAt: now };
      await table.saveThread(config.runId, record);
      await enqueueRun(queue, {
        threadId,
        spec,
        input: { question: item.question, images, ...(Object.keys(config.budgets).length > 0 ? { budgets: config.budgets } : {}) },
        meta: { evalRun: config.runId, item: item.id, sample },
      });
      enqueued += 1;
    }
  }
  return { runId: config.runId, enqueued, skipped };
}

/**
 * A worker's `afterRun` step for eval jobs: records the thread's outcome in the run table and
 * scores it with the run's scorers, as an in-process run does. Jobs that are not an eval's pass
 * through. Idempotent: a job run again (a worker died after the run) records the same outcome.
 *
 * @example
 * ```ts
 * import { createWorker, scoreEvalJob } from "interleaf/workers";
 * import { openStorage } from "interleaf/storage";
 *
 * const storage = await openStorage("postgres://postgres@127.0.0.1:5432/test");
 * const worker = await createWorker({ connection: "redis://127.0.0.1:6379", storage, afterRun: scoreEvalJob(storage) });
 * await worker.close();
 * ```
 */
export function scoreEvalJob(storage: Storage, resolveScorer: (id: string) => Scorer = getScorer): (finished: FinishedRun) => Promise<unknown> {
  const table = new EvalRunTable(storage.cache);
  return async ({ job, result }) => {
    const runId = job.meta?.evalRun;
    if (typeof runId !== "string") return undefined;
    const config = await table.requireConfig(runId, storage.location);
    const existing = await table.thread(runId, job.threadId);
    if (!existing) throw new InterleafError("invalid_argument", `eval run ${runId} has no thread ${job.threadId}: was it enqueued by enqueueEval?`, { details: { threadId: job.threadId } });
    const endedAt = Date.now();
    const record = withRunOutcome({ ...existing, attempts: existing.attempts + 1 }, { result, aborted: false, startedAt: endedAt, endedAt });
    if (isFinished(record.status)) {
      const scored = applyScorers(record, config.scorers.map(resolveScorer), config.generation.prediction);
      record.scores = scored.scores;
      if (scored.error) record.error = scored.error.toJSON();
    }
    await table.saveThread(runId, record);
    return { status: record.status, score: headlineScore(record, config.scorers, false) ?? null };
  };
}

/** How many threads of an eval run are in each state, as the run table says (any machine sharing the storage). */
export type EvalRunCounts = Record<EvalThreadStatus, number> & { total: number };

/**
 * Counts an eval run's threads by state: `queued`, `running`, `answered`, `stopped`, `failed`,
 * `interrupted`.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { evalRunCounts } from "interleaf/workers";
 *
 * const storage = await openStorage("memory");
 * await evalRunCounts(storage, "no-such-run").catch((error) => console.log(error.code)); // "eval_run_not_found"
 * ```
 */
export async function evalRunCounts(storage: Storage, runId: string): Promise<EvalRunCounts> {
  const table = new EvalRunTable(storage.cache);
  await table.requireConfig(runId, storage.location);
  const counts: EvalRunCounts = { queued: 0, running: 0, answered: 0, stopped: 0, failed: 0, interrupted: 0, total: 0 };
  for (const thread of await table.threads(runId)) {
    counts[thread.status] += 1;
    counts.total += 1;
  }
  return counts;
}

import { z } from "zod";
import { ImageRefSchema } from "../../src/images/image-ref.js";
import type { RunStatus } from "../../src/executor/run-result.js";
import type { Stop } from "../../src/state/budgets.js";
import { AgentSpecSchema } from "../agent-spec/agent-spec.js";

/**
 * One unit of work on a run queue: start (or, after a crash, resume) one agent thread. The thread
 * id is the job's id, so a thread is queued once however often it is enqueued, and every worker
 * that picks it up continues the same checkpoints. Images are references already in the shared
 * image store (`ingestImage(storage.images, bytes)` first). `meta` travels with the job untouched:
 * an evaluation puts its run and item there for its `afterRun` step (see `createWorker`).
 *
 * @example
 * ```ts
 * import { RunJobSchema } from "interleaf/workers";
 *
 * const job = RunJobSchema.parse({ threadId: "t-1", spec: { mode: "general", dialect: "r1v4", script: "turns.json" }, input: { question: "2 + 2?" } });
 * console.log(job.input.images); // undefined
 * ```
 */
export const RunJobSchema = z.object({
  /** The thread the job runs: its id in storage and the job's id on the queue. */
  threadId: z.string().min(1).max(256),
  /** The agent that runs it. */
  spec: AgentSpecSchema,
  input: z.object({
    question: z.string(),
    images: z.array(ImageRefSchema).optional(),
    /** Overrides of the agent's budgets for this run (see `Budgets`). */
    budgets: z.record(z.string(), z.number()).optional(),
  }),
  /** Data for the caller's `afterRun` step (an evaluation's run and item), carried untouched. */
  meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

/** See {@link RunJobSchema}. */
export type RunJob = z.infer<typeof RunJobSchema>;

/**
 * What a finished job leaves on the queue (its return value), readable from any machine with
 * `runStatus`; the thread itself (trajectory, images) is in the shared storage.
 */
export interface RunJobOutcome {
  threadId: string;
  status: RunStatus;
  answer: string | null;
  stop: Stop | null;
  /** The checkpoint the run ended on. */
  checkpointId: string | undefined;
  /** Model turns of the whole thread. */
  steps: number;
  /** Whether this worker continued a thread an earlier attempt had started. */
  resumed: boolean;
  /** The worker that finished it (`host:pid`). */
  worker: string;
  /** What the worker's `afterRun` step returned (e.g. an evaluation's score). */
  after?: unknown;
}

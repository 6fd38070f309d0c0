import { readFile } from "node:fs/promises";
import type { AgentSpec } from "../graphs/agent-spec/index.js";
import { enqueueRun, runQueue } from "../graphs/workers/index.js";
import { InterleafError } from "../src/errors/index.js";
import { ingestImage } from "../src/images/ingest.js";
import type { Budgets } from "../src/state/budgets.js";
import type { Storage } from "../src/storage/storage.js";
import type { CliIo } from "./cli-io.js";

/** What `interleaf run … --queue` hands to the workers. */
export interface QueuedCliRun {
  queue: string;
  queueName: string;
  threadId: string;
  spec: AgentSpec;
  question: string;
  imagePath: string;
  budgets: Partial<Budgets>;
}

/**
 * `interleaf run … --queue`: stores the image in the shared storage the workers use, queues the run
 * and prints its thread id; `interleaf worker status <thread>` follows it.
 */
export async function enqueueCliRun(run: QueuedCliRun, storage: Storage, io: CliIo): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(run.imagePath));
  } catch (error) {
    throw new InterleafError("image_not_found", `cannot read image file ${run.imagePath}: ${(error as Error).message}`, { cause: error });
  }
  const image = await ingestImage(storage.images, bytes);
  const queue = runQueue(run.queue, run.queueName);
  try {
    await enqueueRun(queue, { threadId: run.threadId, spec: run.spec, input: { question: run.question, images: [image], budgets: run.budgets } });
  } finally {
    await queue.close();
  }
  io.out(`${run.threadId}\n`);
  io.err(`queued ${run.threadId} on ${run.queueName}; follow it with: interleaf worker status ${run.threadId} --queue ${run.queue}\n`);
}

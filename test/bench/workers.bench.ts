// Distributed runs on BullMQ workers (real Redis, Postgres, worker processes through tsx, a local
// OpenAI-compatible server answering each turn after a fixed latency):
// - workers_scaling: items per second with 4 worker processes against 1 (300 ms per model turn,
//   4 turns per item); the work is I/O-bound, so the target is ≥ 3.2× on 2 cores;
// - queue_overhead_ms: ms per item through the queue (one worker, one item at a time) against the
//   same item run in process on the same storage (20 ms per turn, so the overhead shows).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { QueueEvents } from "bullmq";
import { agentFromSpec, type AgentSpec } from "../../graphs/index.js";
import { openStorage } from "../../src/storage/index.js";
import { enqueueRun, redisConnection, runQueue } from "../../graphs/workers/index.js";
import { dropSchemas, postgresSpec, uniqueSchema } from "../storage/postgres-test-database.js";
import { noteTool } from "../workers/support/note-tool.js";
import { questionOf, startScriptedChatServer } from "../workers/support/scripted-chat-server.js";
import { startWorkerProcess, type WorkerProcess } from "../workers/support/worker-processes.js";
import { measurement, type Bench } from "./measurement.js";

const REDIS = "redis://127.0.0.1:6379";
const SCALING_ITEMS = 16;
const OVERHEAD_ITEMS = 6;

interface Setup {
  queueName: string;
  db: string;
  notes: string;
}

async function withWorkers<T>(setup: Setup, count: number, use: () => Promise<T>): Promise<T> {
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < count; i++) workers.push(startWorkerProcess({ redis: REDIS, queue: setup.queueName, db: setup.db, notes: setup.notes }));
  try {
    await Promise.all(workers.map((worker) => worker.waitForLine(/^ready$/, 120_000)));
    return await use();
  } finally {
    for (const worker of workers) worker.proc.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));
  }
}

/** Enqueues `items` items at once and returns the seconds until the last one completed. */
async function drain(setup: Setup, spec: AgentSpec, prefix: string, items: number): Promise<number> {
  const queue = runQueue(REDIS, setup.queueName);
  // Each job waited on below listens for the queue closing until it finishes: all at once here.
  queue.setMaxListeners(items + 10);
  const events = new QueueEvents(setup.queueName, { connection: redisConnection(REDIS) });
  await events.waitUntilReady();
  try {
    const started = performance.now();
    const jobs = [];
    for (let item = 0; item < items; item++) {
      await enqueueRun(queue, { threadId: `${prefix}-${item}`, spec, input: { question: questionOf(item) } });
      jobs.push((await queue.getJob(`run-${prefix}-${item}`))?.waitUntilFinished(events));
    }
    await Promise.all(jobs);
    return (performance.now() - started) / 1000;
  } finally {
    await events.close();
    await queue.close();
  }
}

/** Runs items one after another through the queue; ms per item. */
async function sequential(setup: Setup, spec: AgentSpec, prefix: string, items: number): Promise<number> {
  let total = 0;
  for (let item = 0; item < items; item++) total += (await drain(setup, spec, `${prefix}-${item}`, 1)) * 1000;
  return total / items;
}

const bench: Bench = {
  name: "workers",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-bench-workers-"));
    const schema = uniqueSchema("bench_workers");
    const setup: Setup = { queueName: `interleaf-bench-${randomBytes(4).toString("hex")}`, db: postgresSpec(schema), notes: join(dir, "notes.log") };
    writeFileSync(setup.notes, "");
    const slow = await startScriptedChatServer(300);
    const fast = await startScriptedChatServer(20);
    try {
      const slowSpec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: slow.baseURL, apiKeyEnv: "none" };
      const fastSpec: AgentSpec = { ...slowSpec, baseUrl: fast.baseURL };
      const one = await withWorkers(setup, 1, async () => {
        await drain(setup, slowSpec, "warm-1", 1);
        return SCALING_ITEMS / (await drain(setup, slowSpec, "one", SCALING_ITEMS));
      });
      const four = await withWorkers(setup, 4, async () => {
        await drain(setup, slowSpec, "warm-4", 4);
        return SCALING_ITEMS / (await drain(setup, slowSpec, "four", SCALING_ITEMS));
      });
      const queued = await withWorkers(setup, 1, async () => {
        await drain(setup, fastSpec, "warm-q", 1);
        return sequential(setup, fastSpec, "queued", OVERHEAD_ITEMS);
      });
      const storage = await openStorage(setup.db);
      let local: number;
      try {
        const base = await agentFromSpec(fastSpec, { storage });
        const agent = base.with({ tools: [...base.tools.list(), noteTool(setup.notes)] });
        await agent.run({ question: questionOf(0) }, { threadId: "local-warm" });
        const started = performance.now();
        for (let item = 0; item < OVERHEAD_ITEMS; item++) await agent.run({ question: questionOf(item) }, { threadId: `local-${item}` });
        local = (performance.now() - started) / OVERHEAD_ITEMS;
      } finally {
        await storage.close();
      }
      return {
        workers_scaling: measurement(four, one, "items/s", `4 worker processes vs 1, ${SCALING_ITEMS} items of 4 model turns at 300 ms; target ratio ≥ 3.2`),
        queue_overhead_ms: measurement(queued, local, "ms", `per item through the queue (1 worker, one at a time) vs in process, same Postgres, 4 turns at 20 ms; overhead ${Math.round(queued - local)} ms`),
      };
    } finally {
      await slow.close();
      await fast.close();
      const cleanup = runQueue(REDIS, setup.queueName);
      await cleanup.obliterate({ force: true }).catch(() => {});
      await cleanup.close();
      await dropSchemas([schema]);
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;

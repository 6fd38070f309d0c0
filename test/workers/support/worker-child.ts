// A worker process for the worker tests: `createWorker` with agents built from their specs plus
// the logging `note` tool. Prints `ready`, `active <thread>`, `completed <thread>` on stdout; on
// SIGTERM it closes gracefully (grace from the config) and exits.
import { agentFromSpec } from "interleaf/graphs";
import { createWorker, type RateLimit } from "interleaf/workers";
import { noteTool } from "./note-tool.js";

interface ChildConfig {
  redis: string;
  queue: string;
  db: string;
  notes: string;
  concurrency?: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  graceMs?: number;
  rateLimits?: Record<string, RateLimit>;
}

const config = JSON.parse(process.argv[2] ?? "{}") as ChildConfig;
const worker = await createWorker({
  connection: config.redis,
  queue: config.queue,
  storage: config.db,
  concurrency: config.concurrency ?? 1,
  lockDurationMs: config.lockDurationMs ?? 2_000,
  stalledIntervalMs: config.stalledIntervalMs ?? 1_000,
  ...(config.rateLimits ? { rateLimits: config.rateLimits } : {}),
  agents: async (spec, environment) => {
    const agent = await agentFromSpec(spec, environment);
    return agent.with({ tools: [...agent.tools.list(), noteTool(config.notes)] });
  },
});
worker.worker.on("active", (job) => process.stdout.write(`active ${job.data.threadId}\n`));
worker.worker.on("completed", (job) => process.stdout.write(`completed ${job.data.threadId}\n`));
worker.worker.on("failed", (job, error) => process.stdout.write(`failed ${job?.data.threadId} ${error.message}\n`));
process.once("SIGTERM", () => {
  void worker.close({ graceMs: config.graceMs ?? 30_000 }).then(() => process.exit(0));
});
process.stdout.write("ready\n");

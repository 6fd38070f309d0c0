import { Command, InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { createWorker, DEFAULT_RUN_QUEUE, poolSizeFor, queueCounts, runQueue, runStatus, scoreEvalJob, type RateLimit } from "../../graphs/workers/index.js";
import { openStorage } from "../../src/storage/open-storage.js";
import { cliIndexDir, cliStorageSpec } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { countOption, dbOption, jsonOption } from "../options.js";

/** `--queue`: the Redis server of the run queue. */
const queueOption = () => new Option("--queue <redis-url>", "the Redis server of the run queue, e.g. redis://127.0.0.1:6379").makeOptionMandatory();

/** `--queue-name`: which queue on that server. */
const queueNameOption = () => new Option("--queue-name <name>", "the queue's name").default(DEFAULT_RUN_QUEUE);

/**
 * `interleaf worker`: takes agent runs from a queue and runs them on shared storage until SIGTERM
 * or Ctrl-C, then lets the running ones finish for the grace period, checkpoints and gives back
 * the rest; `interleaf worker status` shows a queue or one run from any machine.
 */
export function workerCommand(context: CommandContext) {
  const start = new Command("start")
    .description("run queued agent runs on shared storage until stopped (the default)")
    .addOption(queueOption())
    .addOption(queueNameOption())
    .addOption(dbOption())
    .addOption(countOption("--concurrency <n>", "runs at once", 1))
    .addOption(countOption("--grace <seconds>", "on SIGTERM, how long running runs may finish before they are checkpointed and given back", 30))
    .addOption(new Option("--rate-limit <origin=rps[/concurrent]>", "a limit shared by all workers, e.g. http://127.0.0.1:8000=10/4 (repeatable)").argParser(collectRateLimit).default({} as Record<string, RateLimit>))
    .action(async (options) => {
      const { io } = context;
      // Opened here (sized for the worker's runs) so that eval jobs are scored into the same storage.
      const storage = await openStorage(cliStorageSpec(options.db, io), io.cwd, { poolSize: poolSizeFor(options.concurrency) });
      const worker = await createWorker({
        connection: options.queue,
        queue: options.queueName,
        storage,
        afterRun: scoreEvalJob(storage),
        concurrency: options.concurrency,
        cwd: io.cwd,
        indexDir: cliIndexDir(options.db, io),
        ...(Object.keys(options.rateLimit).length > 0 ? { rateLimits: options.rateLimit } : {}),
      });
      worker.worker.on("active", (job) => io.err(`${worker.id} runs ${job.data.threadId}\n`));
      worker.worker.on("completed", (job, outcome) => io.err(`${worker.id} finished ${job.data.threadId}: ${outcome.status}${outcome.answer === null ? "" : ` (${outcome.answer.slice(0, 60)})`}\n`));
      worker.worker.on("failed", (job, error) => io.err(`${worker.id} attempt of ${job?.data.threadId ?? "?"} failed: ${error.message}\n`));
      io.err(`${worker.id} waits for runs on ${options.queueName} (storage ${worker.storage.location}, ${options.concurrency} at once)\n`);
      await new Promise<void>((resolve) => {
        if (!io.interrupt || io.interrupt.aborted) return resolve();
        io.interrupt.addEventListener("abort", () => resolve(), { once: true });
      });
      io.err(`${worker.id} stops: running runs have ${options.grace} s to finish\n`);
      await worker.close({ graceMs: options.grace * 1000 });
      await storage.close();
      context.exit(EXIT.ok);
    });
  const status = new Command("status")
    .description("show how many runs wait, run, are done or failed; or where one thread is")
    .argument("[thread]", "a thread id")
    .addOption(queueOption())
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (thread, options) => {
      const { io } = context;
      const queue = runQueue(options.queue, options.queueName);
      try {
        const found = thread === undefined ? await queueCounts(queue) : await runStatus(queue, thread);
        if (options.json) io.out(`${JSON.stringify(found, null, 2)}\n`);
        else io.out(`${Object.entries(found).map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`).join("\n")}\n`);
        context.exit(thread !== undefined && "state" in found && found.state === "unknown" ? EXIT.threadNotFound : EXIT.ok);
      } finally {
        await queue.close();
      }
    });
  return new Command("worker").description("run queued agent runs on shared storage (BullMQ on Redis); `worker status` for progress").addCommand(start, { isDefault: true }).addCommand(status);
}

function collectRateLimit(value: string, previous: Record<string, RateLimit>): Record<string, RateLimit> {
  const match = /^(https?:\/\/[^=]+)=(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(value);
  if (!match) throw new InvalidArgumentError(`takes <origin>=<requests per second>[/<concurrent>], e.g. http://127.0.0.1:8000=10/4; got "${value}"`);
  const limit: RateLimit = { requestsPerSecond: Number(match[2]) };
  if (match[3]) limit.maxConcurrent = Number(match[3]);
  return { ...previous, [new URL(match[1] as string).origin]: limit };
}

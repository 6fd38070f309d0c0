import { Command, Option } from "@commander-js/extra-typings";
import { DEFAULT_RUN_QUEUE, evalRunCounts, queueCounts, runQueue, type QueueCounts } from "../../../graphs/workers/index.js";
import { withCliStorage } from "../../cli-storage.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption, jsonOption } from "../../options.js";

/**
 * `interleaf eval status <run>`: how many of a run's threads are done, failed, queued or running,
 * from the run table any machine sharing the database reads; with `--queue`, the queue's own counts
 * (waiting, active) too.
 */
export function evalStatusCommand(context: CommandContext) {
  return new Command("status")
    .description("show a run's progress from any machine sharing its database: done, failed, queued, running")
    .argument("<run>", "the run id")
    .addOption(new Option("--queue <redis-url>", "also the counts of the queue its threads were put on"))
    .addOption(new Option("--queue-name <name>", "the queue's name").default(DEFAULT_RUN_QUEUE))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (runId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const threads = await evalRunCounts(storage, runId);
        let queue: QueueCounts | undefined;
        if (options.queue !== undefined) {
          const connection = runQueue(options.queue, options.queueName);
          try {
            queue = await queueCounts(connection);
          } finally {
            await connection.close();
          }
        }
        if (options.json) {
          io.out(`${JSON.stringify({ runId, threads, ...(queue ? { queue } : {}) }, null, 2)}\n`);
        } else {
          const done = threads.answered + threads.stopped;
          io.out(`Run ${runId}: ${done} of ${threads.total} done (${threads.answered} answered, ${threads.stopped} stopped), ${threads.failed} failed, ${threads.queued} queued, ${threads.running} running, ${threads.interrupted} interrupted\n`);
          if (queue) io.out(`Queue ${options.queueName}: ${Object.entries(queue).map(([state, n]) => `${n} ${state}`).join(", ")}\n`);
        }
        context.exit(EXIT.ok);
      });
    });
}

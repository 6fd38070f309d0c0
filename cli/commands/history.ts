import { terminalText } from "../output/terminal-text.js";
import { Command } from "@commander-js/extra-typings";
import { withCliStorage } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { readOnlyAgent } from "../open-cli-agent.js";
import { dbOption, jsonOption } from "../options.js";

/** `interleaf history <thread>`: every checkpoint of a thread, newest first. */
export function historyCommand(context: CommandContext) {
  return new Command("history")
    .description("list every checkpoint of a thread, newest first")
    .argument("<thread>", "the thread id")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (threadId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const history = await readOnlyAgent(storage).history(threadId);
        if (options.json) {
          io.out(`${JSON.stringify(history, null, 2)}\n`);
        } else {
          for (const entry of history) {
            io.out(`${entry.checkpointId}  superstep ${String(entry.superstep).padStart(3)}  ${entry.source.padEnd(6)} next: ${(entry.next.join(",") || "-").padEnd(8)} ${terminalText(entry.summary)}\n`);
          }
        }
        context.exit(EXIT.ok);
      });
    });
}

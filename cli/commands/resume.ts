import { resolve } from "node:path";
import { Command } from "@commander-js/extra-typings";
import { threadNotFound, UsageError } from "../cli-error.js";
import { cliIndexDir, withCliStorage } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { openCliAgent, readOnlyAgent } from "../open-cli-agent.js";
import { baseUrlOption, dbOption, jsonOption, modelOption, scriptOption } from "../options.js";
import { printRun } from "../output/print-run.js";
import { loadAgentSpec } from "../../graphs/agent-spec/index.js";

/** `interleaf resume <thread>`: continues a thread with the configuration it was started with. */
export function resumeCommand(context: CommandContext) {
  return new Command("resume")
    .description("continue a thread where it stopped, with the model and tools it was started with")
    .argument("<thread>", "the thread id")
    .addOption(scriptOption())
    .addOption(modelOption())
    .addOption(baseUrlOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .option("--answer <json>", "the answer to the question the thread waits at (a node called interrupt()), as JSON, e.g. true or '{\"approve\": false}'")
    .action(async (threadId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const saved = await loadAgentSpec(storage.cache, threadId);
        if (!(await readOnlyAgent(storage).state(threadId))) {
          // Started, then stopped before its first checkpoint: nothing ran that a resume could continue.
          if (saved) throw new UsageError(`thread ${threadId} stopped before its first checkpoint, so there is nothing to resume; start it again with interleaf run … --thread ${threadId}`);
          throw threadNotFound(threadId, storage.location);
        }
        if (!saved) throw new UsageError(`thread ${threadId} was not started by the CLI in ${storage.location}; resume it from code with agent.resume()`);
        const config = {
          ...saved,
          ...(options.script ? { script: resolve(io.cwd, options.script), model: undefined } : {}),
          ...(options.model ? { model: options.model, script: undefined } : {}),
          ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        };
        const agent = await openCliAgent(config, storage, cliIndexDir(options.db, io), io);
        const tokens = io.tty.out && !options.json;
        const answer = options.answer === undefined ? {} : { resume: parseAnswer(options.answer) };
        const events = agent.resumeStream(threadId, { ...answer, tokens, ...(io.interrupt ? { signal: io.interrupt } : {}) });
        context.exit(await printRun(events, io, { json: options.json, db: options.db }));
      });
    });
}

/** The `--answer` value: JSON, as the interrupt's node reads it. */
function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--answer must be JSON (e.g. true, "yes" with its quotes, or {"approve": false}); got ${JSON.stringify(text.slice(0, 200))}`);
  }
}

import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { BudgetsSchema } from "../../src/state/budgets.js";
import { openCliAgent } from "../open-cli-agent.js";
import type { CommandContext } from "../command-context.js";
import { cliIndexDir, withCliStorage } from "../cli-storage.js";
import { apiKeyEnvOption, computedDefault, baseUrlOption, countOption, dbOption, dialectOption, extraBodyOption, jsonOption, modelOption, modeOption, scriptOption, searchOption } from "../options.js";
import { printRun } from "../output/print-run.js";
import { runConfigFromOptions } from "../run-config-from-options.js";
import { saveAgentSpec, type AgentSpec } from "../../graphs/agent-spec/index.js";
import { DEFAULT_RUN_QUEUE } from "../../graphs/workers/index.js";
import { enqueueCliRun } from "../enqueue-cli-run.js";
import { EXIT } from "../exit-codes.js";

const DEFAULT_BUDGETS = BudgetsSchema.parse({});

/** `interleaf run <image> <question...>`: runs the agent on an image and a question. */
export function runCommand(context: CommandContext) {
  return new Command("run")
    .description("run the agent on an image and a question")
    .argument("<image>", "the image file")
    .argument("<question...>", "the question (quote it, or let the words run on)")
    .addOption(modelOption())
    .addOption(baseUrlOption())
    .addOption(apiKeyEnvOption())
    .addOption(extraBodyOption())
    .addOption(scriptOption())
    .addOption(dialectOption())
    .addOption(modeOption("general"))
    .addOption(searchOption())
    .option("--plan", "plan first, then execute the plan (R1V4 plan mode)", false)
    .option("--approve <tools>", "ask before these tools run, comma-separated (e.g. web_visit); answer with interleaf resume --answer")
    .addOption(computedDefault(new Option("--thread <id>", "the thread id"), "a new random id"))
    .addOption(countOption("--max-tool-calls <n>", "stop after this many tool calls", DEFAULT_BUDGETS.maxToolCalls))
    .addOption(countOption("--max-turns <n>", "stop after this many model turns", DEFAULT_BUDGETS.maxModelTurns))
    .addOption(countOption("--time-limit <seconds>", "stop after this many seconds", DEFAULT_BUDGETS.maxWallClockMs / 1000))
    .addOption(dbOption())
    .addOption(jsonOption())
    .addOption(new Option("--queue <redis-url>", "queue the run for `interleaf worker`s instead of running it (the image goes to --db, which they share)"))
    .addOption(new Option("--queue-name <name>", "the queue's name").default(DEFAULT_RUN_QUEUE))
    .action(async (image, words, options) => {
      const { io } = context;
      const approve = options.approve?.split(",").map((name) => name.trim()).filter(Boolean) ?? [];
      const config: AgentSpec = { ...runConfigFromOptions(options, io), ...(options.plan ? { plan: true } : {}), ...(approve.length ? { approve } : {}) };
      const budgets = { maxToolCalls: options.maxToolCalls, maxModelTurns: options.maxTurns, maxWallClockMs: options.timeLimit * 1000 };
      const { queue } = options;
      if (queue) {
        const run = { queue, queueName: options.queueName, threadId: options.thread ?? randomUUID(), spec: config, question: words.join(" "), imagePath: resolve(io.cwd, image), budgets };
        await withCliStorage(options.db, io, (storage) => enqueueCliRun(run, storage, io));
        context.exit(EXIT.ok);
        return;
      }
      await withCliStorage(options.db, io, async (storage) => {
        const agent = await openCliAgent(config, storage, cliIndexDir(options.db, io), io);
        const threadId = options.thread ?? randomUUID();
        const run = agent.stream({ question: words.join(" "), images: [resolve(io.cwd, image)], budgets }, { threadId, tokens: io.tty.out && !options.json, ...(io.interrupt ? { signal: io.interrupt } : {}) });
        // Saved once the run has started: a run refused (the thread exists, or another process runs it) changes nothing.
        const events = onceStarted(run, () => saveAgentSpec(storage.cache, threadId, config));
        context.exit(await printRun(events, io, { json: options.json, db: options.db }));
      });
    });
}

/** The events of a run, calling `started` before the first one is passed on. */
async function* onceStarted<T, R>(events: AsyncGenerator<T, R>, started: () => Promise<void>): AsyncGenerator<T, R> {
  let first = true;
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
    if (first) {
      first = false;
      await started();
    }
    yield next.value;
  }
}

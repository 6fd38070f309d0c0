import { Command } from "@commander-js/extra-typings";
import { EvalRunTable } from "../../../src/eval/runs/eval-run-table.js";
import { resumeEval } from "../../../src/eval/runs/run-eval.js";
import type { CommandContext } from "../../command-context.js";
import { withCliStorage } from "../../cli-storage.js";
import { dbOption, jsonOption } from "../../options.js";
import { count, optionalCount } from "./eval-options.js";
import { cliAgentFactory, finishSession, judgeModelFrom, sessionFrom } from "./eval-session.js";
import { getScorer } from "../../../src/eval/index.js";

/** `interleaf eval resume <run>`: continues a run with the configuration it was started with. */
export function evalResumeCommand(context: CommandContext) {
  return new Command("resume")
    .description("continue an eval run: skip finished threads, resume interrupted ones from their checkpoints, start the rest")
    .argument("<run>", "the run id")
    .addOption(count("--concurrency <n>", "agent threads at once", 4))
    .addOption(optionalCount("--model-concurrency <n>", "model requests at once over all threads (default: --concurrency)"))
    .addOption(count("--judge-concurrency <n>", "judge calls at once", 4))
    .addOption(optionalCount("--limit <n>", "only the first n items"))
    .addOption(optionalCount("--token-budget <n>", "start no new thread once the agents used this many tokens"))
    .addOption(count("--retries <n>", "retries of a thread whose model failed with a retryable error", 2, 0))
    .option("--judge-api-key-env <name>", "environment variable holding the judge's API key (none: send no key)")
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (runId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const config = await new EvalRunTable(storage.cache).requireConfig(runId, storage.location);
        const judgeModel = config.judge ? await judgeModelFrom(config.judge.model, config.judge.baseUrl, options.judgeApiKeyEnv, io) : undefined;
        const summary = await resumeEval(runId, {
          storage,
          makeAgent: cliAgentFactory(options.db, io),
          resolveScorer: getScorer,
          concurrency: { threads: options.concurrency, judgeCalls: options.judgeConcurrency, ...(options.modelConcurrency ? { modelRequests: options.modelConcurrency } : {}) },
          retries: options.retries,
          ...(judgeModel ? { judgeModel } : {}),
          ...(options.limit ? { limit: options.limit } : {}),
          ...(options.tokenBudget ? { tokenBudget: options.tokenBudget } : {}),
          ...sessionFrom(io),
        });
        context.exit(finishSession(summary, io, { json: options.json, db: options.db }));
      });
    });
}

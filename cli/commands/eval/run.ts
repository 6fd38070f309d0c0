import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { datasetRefFor } from "../../../src/eval/datasets/open-dataset.js";
import { runEval } from "../../../src/eval/runs/run-eval.js";
import type { CommandContext } from "../../command-context.js";
import { withCliStorage } from "../../cli-storage.js";
import { apiKeyEnvOption, baseUrlOption, dbOption, dialectOption, extraBodyOption, jsonOption, modelOption, modeOption, scriptOption, searchOption } from "../../options.js";
import { packageVersion } from "../../package-version.js";
import { runConfigFromOptions } from "../../run-config-from-options.js";
import { count, judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption, judgeParserOption, judgeTemplateOption, optionalCount, runIdOption, scorerOption, temperatureOption } from "./eval-options.js";
import { cliAgentFactory, finishSession, judgeFrom, sessionFrom } from "./eval-session.js";
import { getScorer } from "../../../src/eval/index.js";
import { DEFAULT_RUN_QUEUE, enqueueEval, runQueue } from "../../../graphs/workers/index.js";
import { UsageError } from "../../cli-error.js";
import { EXIT } from "../../exit-codes.js";

/** `interleaf eval run <dataset>`: runs the agent on every item of a benchmark, resumably. */
export function evalRunCommand(context: CommandContext) {
  const command = new Command("run")
    .description("run the agent on a benchmark or dataset: one thread per item and sample, resumable")
    .argument("<dataset>", "a VLMEvalKit .tsv, an FVQA .parquet, a V* folder, a BrowseComp-VL .jsonl, or your own .jsonl/.csv")
    .option("--benchmark <id>", "the benchmark id, when the file name does not say (hrbench-4k, vstar-tsv, mme-realworld-tsv, ...)")
    .addOption(modelOption())
    .addOption(baseUrlOption())
    .addOption(apiKeyEnvOption())
    .addOption(extraBodyOption())
    .addOption(scriptOption())
    .addOption(dialectOption())
    .addOption(modeOption("general"))
    .addOption(searchOption())
    .addOption(count("--samples <k>", "samples per item (Avg@k, Pass@k)", 1))
    .addOption(count("--concurrency <n>", "agent threads at once", 4))
    .addOption(optionalCount("--model-concurrency <n>", "model requests at once over all threads (default: --concurrency)"))
    .addOption(count("--judge-concurrency <n>", "judge calls at once", 4))
    .addOption(optionalCount("--limit <n>", "only the first n items"))
    .addOption(scorerOption())
    .addOption(temperatureOption())
    .addOption(optionalCount("--max-tokens <n>", "output token limit of each model turn (recorded in the run)"))
    .addOption(new Option("--prediction <what>", "what rule scorers read: the raw final turn or the extracted answer").choices(["raw", "answer"] as const).default("raw" as const))
    .addOption(count("--seed <n>", "seed of the option shuffle (V* folders)", 0, 0))
    .addOption(optionalCount("--token-budget <n>", "start no new thread once the agents used this many tokens"))
    .addOption(count("--retries <n>", "retries of a thread whose model failed with a retryable error", 2, 0))
    .addOption(optionalCount("--max-tool-calls <n>", "tool-call budget of each thread"))
    .addOption(optionalCount("--max-turns <n>", "model-turn budget of each thread"))
    .option("--no-verify", "do not check the dataset's md5 against its manifest")
    .addOption(runIdOption())
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeApiKeyEnvOption())
    .addOption(judgeTemplateOption())
    .addOption(judgeParserOption())
    .addOption(new Option("--queue <redis-url>", "enqueue the run's threads for `interleaf worker`s instead of running them here (shared --db: PostgreSQL)"))
    .addOption(new Option("--queue-name <name>", "the queue's name").default(DEFAULT_RUN_QUEUE))
    .addOption(dbOption())
    .addOption(jsonOption());
  return command.action(async (datasetPath, options) => {
    const { io } = context;
    const agent = runConfigFromOptions(options, io);
    const judge = await judgeFrom(options, io);
    const scorers = (options.scorer ?? []).map(getScorer);
    const dataset = datasetRefFor(resolve(io.cwd, datasetPath), { seed: options.seed, ...(options.benchmark ? { benchmark: options.benchmark } : {}) });
    const generation = { temperature: options.temperature, maxTokens: options.maxTokens ?? null, prediction: options.prediction };
    const budgets = { ...(options.maxToolCalls ? { maxToolCalls: options.maxToolCalls } : {}), ...(options.maxTurns ? { maxModelTurns: options.maxTurns } : {}) };
    await withCliStorage(options.db, io, async (storage) => {
      if (options.queue !== undefined) {
        if (judge) throw new UsageError("a queued run is judged after its workers finish: run it without --judge, then `interleaf eval score <run> --judge …`");
        const queue = runQueue(options.queue, options.queueName);
        try {
          const queued = await enqueueEval({
            queue,
            storage,
            dataset,
            agent,
            samples: options.samples,
            generation,
            budgets,
            scorers,
            verifyChecksum: options.verify,
            version: packageVersion(),
            ...(options.limit ? { limit: options.limit } : {}),
            ...(options.runId ? { runId: options.runId } : {}),
          });
          const db = options.db ? ` --db ${options.db}` : "";
          if (options.json) io.out(`${JSON.stringify(queued)}\n`);
          else io.out(`Run ${queued.runId}: ${queued.enqueued} thread(s) queued on ${options.queueName}, ${queued.skipped} already finished.\nWorkers: interleaf worker --queue <redis-url>${db}\nProgress: interleaf eval status ${queued.runId}${db}\n`);
        } finally {
          await queue.close();
        }
        context.exit(EXIT.ok);
        return;
      }
      const summary = await runEval({
        storage,
        dataset,
        agent,
        makeAgent: cliAgentFactory(options.db, io),
        samples: options.samples,
        concurrency: { threads: options.concurrency, judgeCalls: options.judgeConcurrency, ...(options.modelConcurrency ? { modelRequests: options.modelConcurrency } : {}) },
        generation,
        budgets,
        scorers,
        ...(judge ? { judge } : {}),
        retries: options.retries,
        verifyChecksum: options.verify,
        version: packageVersion(),
        ...(options.limit ? { limit: options.limit } : {}),
        ...(options.tokenBudget ? { tokenBudget: options.tokenBudget } : {}),
        ...(options.runId ? { runId: options.runId } : {}),
        ...sessionFrom(io),
      });
      context.exit(finishSession(summary, io, { json: options.json, db: options.db }));
    });
  });
}

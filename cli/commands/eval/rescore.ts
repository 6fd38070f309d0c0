import { Command } from "@commander-js/extra-typings";
import { rescoreRun } from "../../../src/eval/runs/rescore-run.js";
import { UsageError } from "../../cli-error.js";
import type { CommandContext } from "../../command-context.js";
import { withCliStorage } from "../../cli-storage.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption } from "../../options.js";
import { count, judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption, judgeParserOption, judgeTemplateOption, scorerOption } from "./eval-options.js";
import { judgeFrom } from "./eval-session.js";
import { lookupScorer } from "./scorer-lookup.js";

/**
 * `interleaf eval rescore <run>`: re-scores a run's stored answers without running any agent.
 * (The issue spells it `interleaf eval score <run>`; `eval score --cases` is the scorers' own
 * form. The two are joined into one `eval score` command at merge.)
 */
export function evalRescoreCommand(context: CommandContext) {
  const command = new Command("rescore")
    .description("re-score a run's stored answers with other scorers or another judge, without re-running the agents")
    .argument("<run>", "the run id")
    .addOption(scorerOption())
    .addOption(count("--judge-concurrency <n>", "judge calls at once", 4))
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeApiKeyEnvOption())
    .addOption(judgeTemplateOption())
    .addOption(judgeParserOption())
    .addOption(dbOption());
  return command.action(async (runId, options) => {
    const { io } = context;
    if (!options.scorer && !options.judge) throw new UsageError("say how to re-score: --scorer <id...> and/or --judge <provider:model> --judge-parser <id>");
    const scorers = options.scorer?.map(lookupScorer);
    const judge = await judgeFrom(options, io);
    await withCliStorage(options.db, io, async (storage) => {
      const config = await rescoreRun(storage, runId, { ...(scorers ? { scorers } : {}), ...(judge ? { judge } : {}), judgeConcurrency: options.judgeConcurrency, ...(io.interrupt ? { signal: io.interrupt } : {}) });
      io.out(`Run ${runId} re-scored by ${[...config.scorers, ...(config.judge ? [`judge ${config.judge.model}`] : [])].join(", ")}. Report: interleaf eval report ${runId}${options.db ? ` --db ${options.db}` : ""}\n`);
    });
    context.exit(EXIT.ok);
  });
}

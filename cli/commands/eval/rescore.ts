import { getScorer } from "../../../src/eval/index.js";
import { rescoreRun } from "../../../src/eval/runs/rescore-run.js";
import { UsageError } from "../../cli-error.js";
import type { CommandContext } from "../../command-context.js";
import { withCliStorage } from "../../cli-storage.js";
import { EXIT } from "../../exit-codes.js";
import { judgeFrom } from "./eval-session.js";

/** The options `interleaf eval score <run>` re-scores with. */
export interface RescoreOptions {
  scorer?: string[] | undefined;
  judge?: string | undefined;
  judgeBaseUrl?: string | undefined;
  judgeApiKeyEnv?: string | undefined;
  judgeTemplate: string;
  judgeParser?: string | undefined;
  judgeConcurrency: number;
  db?: string | undefined;
}

/** `interleaf eval score <run>`: re-scores a run's stored answers with other scorers or another judge, without re-running the agents. */
export async function rescore(runId: string, options: RescoreOptions, context: CommandContext): Promise<void> {
  const { io } = context;
  if (!options.scorer && !options.judge) throw new UsageError("say how to re-score: --scorer <id...> and/or --judge <provider:model> --judge-parser <id>");
  const scorers = options.scorer?.map((id) => getScorer(id));
  const judge = await judgeFrom(options, io);
  await withCliStorage(options.db, io, async (storage) => {
    const config = await rescoreRun(storage, runId, { ...(scorers ? { scorers } : {}), ...(judge ? { judge } : {}), judgeConcurrency: options.judgeConcurrency, ...(io.interrupt ? { signal: io.interrupt } : {}) });
    io.out(`Run ${runId} re-scored by ${[...config.scorers, ...(config.judge ? [`judge ${config.judge.model}`] : [])].join(", ")}. Report: interleaf eval report ${runId}${options.db ? ` --db ${options.db}` : ""}\n`);
  });
  context.exit(EXIT.ok);
}

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { InterleafError } from "../../../src/errors/index.js";
import { getScorer } from "../../../src/eval/index.js";
import { parseScoreCases } from "../../../src/eval/scorers/score-cases.js";
import { UsageError } from "../../cli-error.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption, jsonOption } from "../../options.js";
import { count, judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption, judgeParserOption, judgeTemplateOption, scorerOption } from "./eval-options.js";
import { rescore } from "./rescore.js";
import { terminalText } from "../../output/terminal-text.js";

/**
 * `interleaf eval score`, in two forms:
 * - `--scorer <id> --cases <file.jsonl>`: scores a JSONL file of cases with one scorer and prints
 *   `[{ id, score, extracted }]` with scores as upstream returns them;
 * - `<run> [--scorer <id...>] [--judge …]`: re-scores a run's stored answers with other scorers or
 *   another judge, without re-running its agents.
 */
export function evalScoreCommand(context: CommandContext) {
  return new Command("score")
    .description("score a JSONL file of cases with one scorer (--cases), or re-score a run's stored answers (<run>)")
    .argument("[run]", "the eval run to re-score (instead of --cases)")
    .addOption(scorerOption())
    .addOption(new Option("--cases <file.jsonl>", "one case per line: id, prediction, gold, and options, choices, candidates, alternative_gt_answers, target_instances, judge_output, category as the scorer needs"))
    .addOption(count("--judge-concurrency <n>", "judge calls at once (re-scoring a run)", 4))
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeApiKeyEnvOption())
    .addOption(judgeTemplateOption())
    .addOption(judgeParserOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (runId, options) => {
      if (options.cases !== undefined) {
        if (runId !== undefined) throw new UsageError("give either a run to re-score or --cases, not both");
        if (options.scorer?.length !== 1) throw new UsageError("--cases takes exactly one --scorer <id>");
        await scoreCases(options.scorer[0]!, options.cases, options.json, context);
        return;
      }
      if (runId === undefined) throw new UsageError("say what to score: --scorer <id> --cases <file.jsonl>, or a run id to re-score");
      await rescore(runId, options, context);
    });
}

async function scoreCases(scorerId: string, cases: string, json: boolean, context: CommandContext): Promise<void> {
  const { io } = context;
  const scorer = getScorer(scorerId);
  const path = resolve(io.cwd, cases);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --cases ${cases}: ${error.code ?? error.message}`);
  });
  const results = parseScoreCases(text, cases).map(({ line, rawId, scoreCase }) => {
    try {
      const outcome = scorer.score(scoreCase);
      return { id: rawId, score: outcome.score, extracted: outcome.extracted };
    } catch (error) {
      if (InterleafError.isInstance(error)) throw new InterleafError(error.code, `${cases} line ${line}: ${error.message}`, { cause: error });
      throw error;
    }
  });
  if (json) {
    io.out(`${JSON.stringify(results)}\n`);
  } else {
    const width = Math.max(2, ...results.map((result) => String(result.id).length));
    io.out(`${"id".padEnd(width)}  ${"score".padEnd(8)} extracted\n`);
    for (const result of results) {
      const extracted = result.extracted === null ? "-" : JSON.stringify(terminalText(result.extracted).slice(0, 60));
      io.out(`${terminalText(String(result.id)).padEnd(width)}  ${String(result.score).padEnd(8)} ${extracted}\n`);
    }
    const total = results.reduce((sum, result) => sum + Number(result.score), 0);
    io.out(`${results.length} cases scored with ${scorer.id}; mean score ${results.length > 0 ? (total / results.length).toFixed(4) : "-"}\n`);
  }
  context.exit(EXIT.ok);
}

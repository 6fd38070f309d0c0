import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { InterleafError } from "../../../src/errors/index.js";
import { getScorer } from "../../../src/eval/index.js";
import { parseScoreCases } from "../../../src/eval/scorers/score-cases.js";
import { UsageError } from "../../cli-error.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { jsonOption } from "../../options.js";
import { terminalText } from "../../output/terminal-text.js";

/** `interleaf eval score --scorer <id> --cases <file.jsonl>`: scores each case as the scorer's upstream code does. */
export function evalScoreCommand(context: CommandContext) {
  return new Command("score")
    .description("score a JSONL file of cases with one scorer (see interleaf eval scorers)")
    .addOption(new Option("--scorer <id>", "the scorer id").makeOptionMandatory())
    .addOption(new Option("--cases <file.jsonl>", "one case per line: id, prediction, gold, and options, choices, candidates, alternative_gt_answers, target_instances, judge_output, category as the scorer needs").makeOptionMandatory())
    .addOption(jsonOption())
    .action(async (options) => {
      const { io } = context;
      const scorer = getScorer(options.scorer);
      const path = resolve(io.cwd, options.cases);
      const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read --cases ${options.cases}: ${error.code ?? error.message}`);
      });
      const results = parseScoreCases(text, options.cases).map(({ line, rawId, scoreCase }) => {
        try {
          const outcome = scorer.score(scoreCase);
          return { id: rawId, score: outcome.score, extracted: outcome.extracted };
        } catch (error) {
          if (InterleafError.isInstance(error)) throw new InterleafError(error.code, `${options.cases} line ${line}: ${error.message}`, { cause: error });
          throw error;
        }
      });
      if (options.json) {
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
    });
}

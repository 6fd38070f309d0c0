import { Command } from "@commander-js/extra-typings";
import { runFilters, type FilterReport } from "../../../src/data/index.js";
import { withCliStorage } from "../../cli-storage.js";
import type { CliIo } from "../../cli-io.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption, jsonOption } from "../../options.js";
import { terminalText } from "../../output/terminal-text.js";
import { readTrajectories } from "./data-sources.js";
import { filtersFromOptions, filtersOption, judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption, judgeScriptOption, maxToolCallsOption, minToolCallsOption, scorerOption } from "./filter-options.js";

/** `interleaf data filter [threads...]`: runs the data engine's filters and prints what each dropped. */
export function dataFilterCommand(context: CommandContext) {
  return new Command("filter")
    .description("run the data engine's filters over finished threads and say what each filter dropped")
    .argument("[threads...]", "thread ids (or --all, or --run)")
    .option("--all", "every thread of the database", false)
    .option("--run <eval run>", "the finished threads of an eval run, with the ground truths it recorded")
    .option("--labels <file.jsonl>", 'ground truths: one {"thread", "gold", "benchmark", "category"} per line')
    .addOption(filtersOption())
    .addOption(minToolCallsOption())
    .addOption(maxToolCallsOption())
    .addOption(judgeOption())
    .addOption(judgeBaseUrlOption())
    .addOption(judgeApiKeyEnvOption())
    .addOption(judgeScriptOption())
    .addOption(scorerOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (threads, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const records = await readTrajectories(storage, threads, options, io);
        const filters = await filtersFromOptions(options, io);
        const report = await runFilters(records, filters, { images: storage.images, cache: storage.cache, ...(io.interrupt ? { signal: io.interrupt } : {}) });
        if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
        else printFilterReport(report, io);
        context.exit(EXIT.ok);
      });
    });
}

/** The filter summary as a table, then the trajectories kept. */
export function printFilterReport(report: FilterReport, io: CliIo): void {
  io.out(`${report.kept} of ${report.total} trajector${report.total === 1 ? "y" : "ies"} kept\n\n`);
  const width = Math.max(6, ...report.summary.map((line) => line.filter.length));
  io.out(`${"filter".padEnd(width)}  checked  dropped  example\n`);
  for (const line of report.summary) {
    const example = line.examples[0] ? `${line.examples[0].threadId}: ${terminalText(line.examples[0].reason)}` : "";
    io.out(`${line.filter.padEnd(width)}  ${String(line.checked).padStart(7)}  ${String(line.dropped).padStart(7)}  ${example}\n`);
  }
}

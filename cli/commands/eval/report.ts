import { Command, Option } from "@commander-js/extra-typings";
import { evalReport } from "../../../src/eval/report/eval-report.js";
import { formatReport } from "../../../src/eval/report/format-report.js";
import type { CommandContext } from "../../command-context.js";
import { withCliStorage } from "../../cli-storage.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption } from "../../options.js";

/** `interleaf eval report <run>`: Table 2's row, per-category scores and counts of a run. */
export function evalReportCommand(context: CommandContext) {
  return new Command("report")
    .description("print a run's scores (Table 2's columns, per category, per scorer) and counts")
    .argument("<run>", "the run id")
    .addOption(new Option("--format <format>", "output format").choices(["md", "json", "csv"] as const).default("md" as const))
    .option("--compare <run>", "put another run beside it, with the differences")
    .addOption(dbOption())
    .action(async (runId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const report = await evalReport(storage, runId);
        const other = options.compare ? await evalReport(storage, options.compare) : undefined;
        io.out(formatReport(report, options.format, other));
      });
      context.exit(EXIT.ok);
    });
}

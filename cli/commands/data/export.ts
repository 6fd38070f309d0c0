import { resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { EXPORT_FORMATS, exportDataset, runFilters, type TrajectoryRecord } from "../../../src/data/index.js";
import type { Storage } from "../../../src/storage/storage.js";
import { ToolRegistry } from "../../../src/tools/tool-registry.js";
import type { AnyTool } from "../../../src/tools/tool.js";
import { scriptedModel } from "../../../src/testing/scripted-model.js";
import { defaultTools } from "../../../graphs/default-tools.js";
import { loadAgentSpec, toolsFromSpec, dialectByName } from "../../../graphs/agent-spec/index.js";
import { cliIndexDir, withCliStorage } from "../../cli-storage.js";
import type { CommandContext } from "../../command-context.js";
import { EXIT } from "../../exit-codes.js";
import { dbOption, jsonOption } from "../../options.js";
import { r1v4PlanningTools } from "../../planning-tools.js";
import { readTrajectories } from "./data-sources.js";
import { filtersFromOptions, filtersOption, judgeApiKeyEnvOption, judgeBaseUrlOption, judgeOption, judgeScriptOption, maxToolCallsOption, minToolCallsOption, scorerOption } from "./filter-options.js";
import { printFilterReport } from "./filter.js";

/**
 * `interleaf data export [threads...] --format <f> --out <dir>`: filters the threads (unless
 * `--filters none`) and writes those kept as a training dataset.
 */
export function dataExportCommand(context: CommandContext) {
  return new Command("export")
    .description("write finished threads as a training dataset (after the data engine's filters)")
    .argument("[threads...]", "thread ids (or --all, or --run)")
    .option("--all", "every thread of the database", false)
    .option("--run <eval run>", "the finished threads of an eval run, with the ground truths it recorded")
    .option("--labels <file.jsonl>", 'ground truths: one {"thread", "gold", "benchmark", "category"} per line')
    .addOption(new Option("--format <format>", "the dataset format").choices(EXPORT_FORMATS).makeOptionMandatory())
    .requiredOption("--out <dir>", "the folder to write")
    .option("--dialect <name>", "render turns in this dialect (default: the one each thread ran with, else r1v4)")
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
        let kept: TrajectoryRecord[] = records;
        let report;
        if (options.filters !== "none") {
          report = await runFilters(records, await filtersFromOptions(options, io), { images: storage.images, cache: storage.cache, ...(io.interrupt ? { signal: io.interrupt } : {}) });
          const passed = new Set(report.trajectories.filter((t) => t.passed).map((t) => t.threadId));
          kept = records.filter((record) => passed.has(record.threadId));
        }
        const { dialect, tools } = await renderingOf(kept[0]?.threadId ?? records[0]!.threadId, options.dialect, storage, cliIndexDir(options.db, io));
        const result = await exportDataset(kept, {
          format: options.format,
          outDir: resolve(io.cwd, options.out),
          dialect,
          tools,
          images: storage.images,
          ...(report ? { filterReport: report } : {}),
          sources: [options.run ? `eval run ${options.run} (${storage.kind} database)` : `interleaf database (${storage.kind})`],
        });
        if (options.json) {
          io.out(`${JSON.stringify({ ...result, dataFile: options.out.replace(/\/$/, "") + "/data.jsonl", card: result.card.json }, null, 2)}\n`);
        } else {
          if (report) printFilterReport(report, io);
          io.out(`\nwrote ${result.lines} ${result.format} line${result.lines === 1 ? "" : "s"} and ${result.images} image${result.images === 1 ? "" : "s"} to ${options.out}${result.skipped.length ? ` (${result.skipped.length} left out)` : ""}\n`);
        }
        context.exit(EXIT.ok);
      });
    });
}

/**
 * The dialect and tools the export renders with: those the thread's saved spec names (so the
 * system prompt is the one the model saw), or the dialect given on the command line. A tool set
 * that cannot be built offline (a search backend needing a key) is described instead: only names,
 * descriptions and parameters reach the data.
 */
async function renderingOf(threadId: string, dialectName: string | undefined, storage: Storage, indexDir: string) {
  const spec = await loadAgentSpec(storage.cache, threadId);
  const dialect = dialectByName(dialectName ?? spec?.dialect ?? "r1v4");
  let tools: AnyTool[];
  if (!spec || spec.mode === "general") tools = defaultTools({ mode: "general" });
  else {
    tools = await toolsFromSpec(spec, scriptedModel([]), indexDir).catch(() => [...defaultTools({ mode: "general" }).filter((tool) => tool.name !== "code"), ...r1v4PlanningTools()]);
  }
  return { dialect, tools: new ToolRegistry(tools) };
}

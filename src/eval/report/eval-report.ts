import type { Storage } from "../../storage/storage.js";
import { isFinished, type EvalRunConfig, type EvalThreadRecord } from "../runs/eval-run-record.js";
import { EvalRunTable } from "../runs/eval-run-table.js";
import { headlineScore, numericScore } from "../runs/score-thread.js";
import { inColumn, TABLE2_LAYOUTS } from "./table2-layouts.js";

/** One number of a report, with how many threads it averages and what scored them. */
export interface ReportCell {
  /** The mean score (0..1 for 0/1 scorers), or null when nothing was scored. */
  value: number | null;
  /** Threads averaged: finished ones, and failed ones counted as 0. */
  n: number;
  /** The scorer id, or `judge` when a judge decided. */
  scorer: string;
  /** The judge model and parser, when a judge decided. */
  judge?: string;
}

/** Counts of a run: what finished, what failed, and what it cost. */
export interface ReportCounts {
  items: number;
  threads: number;
  answered: number;
  stopped: number;
  failed: number;
  /** Interrupted or still running: the next session resumes them. */
  unfinished: number;
  /** Finished threads whose model never gave an `<answer>`. */
  missingAnswer: number;
  judgeFailed: number;
  meanTurns: number;
  meanToolCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** Agent time summed over threads, in ms. */
  agentTimeMs: number;
  /** From the first thread's start to the last update, in ms. */
  wallTimeMs: number;
}

/**
 * A run's results: R1V4's Table 2 row for its benchmark, per-category scores, every scorer's overall, and counts.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { evalReport } from "interleaf/eval";
 *
 * const report = await evalReport(await openStorage("eval.db"), "3f2a9c01b7de");
 * console.log(report.table2.columns, report.counts.missingAnswer);
 * ```
 */
export interface EvalReport {
  runId: string;
  benchmark: string;
  /** The agent's model (or script) and dialect, from the run's spec. */
  model: string;
  dialect: string;
  samples: number;
  /** Table 2's columns for the benchmark (e.g. FSP, FCP, Overall) and their cells. */
  table2: { columns: string[]; cells: Record<string, ReportCell> };
  /** Avg@k (mean over all samples) and Pass@k (an item counts when any sample is right), with k = samples. */
  sampling: { avgAtK: ReportCell; passAtK: ReportCell };
  categories: { name: string; cell: ReportCell }[];
  /** Each rule scorer's overall (micro) score. */
  scorers: Record<string, ReportCell>;
  counts: ReportCounts;
}

/**
 * The report of an eval run from its run table: Table 2's row and columns for the benchmark
 * (HR-Bench FSP/FCP/Overall, MME-RealWorld Perception/Reasoning/Overall, V* Attribute/Spatial/
 * Overall, else Overall), per-category scores, each rule scorer's overall, and counts (missing
 * `<answer>`, failed and judge-failed threads, mean turns and tool calls, tokens, time). Each cell
 * names its scorer and judge. Failed threads count as 0; unfinished ones are left out (and counted).
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { evalReport, formatReport } from "interleaf/eval";
 *
 * const report = await evalReport(await openStorage("eval.db"), "3f2a9c01b7de");
 * console.log(formatReport(report, "md"));
 * ```
 */
export async function evalReport(storage: Storage, runId: string): Promise<EvalReport> {
  const table = new EvalRunTable(storage.cache);
  const config = await table.requireConfig(runId, storage.location);
  return buildReport(config, await table.threads(runId));
}

/**
 * {@link evalReport} on records already read.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { buildReport, EvalRunTable } from "interleaf/eval";
 *
 * const table = new EvalRunTable((await openStorage("eval.db")).cache);
 * const config = await table.requireConfig("3f2a9c01b7de");
 * const recent = (await table.threads(config.runId)).filter((t) => t.sample === 0);
 * console.log(buildReport(config, recent).table2.cells.Overall?.value);
 * ```
 */
export function buildReport(config: EvalRunConfig, records: readonly EvalThreadRecord[]): EvalReport {
  const judged = config.judge !== undefined;
  const headline = judged ? "judge" : (config.scorers[0] ?? "none");
  const judgeName = config.judge ? `${config.judge.model} (${config.judge.template}, ${config.judge.parser})` : undefined;
  const counted = records.filter((r) => isFinished(r.status) || r.status === "failed");
  const scoreOf = (r: EvalThreadRecord) => (r.status === "failed" ? 0 : headlineScore(r, config.scorers, judged));
  const cell = (threads: readonly EvalThreadRecord[], score: (r: EvalThreadRecord) => number | undefined = scoreOf, scorer = headline): ReportCell => {
    const values = threads.map(score).filter((v): v is number => v !== undefined);
    return { value: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length, n: values.length, scorer, ...(scorer === "judge" && judgeName ? { judge: judgeName } : {}) };
  };

  const layout = TABLE2_LAYOUTS[config.dataset.benchmark];
  const cells: Record<string, ReportCell> = {};
  const cycleOf = (r: EvalThreadRecord) => (layout?.cycleGroup ? (r.item.groups?.[layout.cycleGroup] ?? "") : "");
  const cycles = [...new Set(counted.map(cycleOf))];
  for (const column of layout?.columns ?? []) {
    const members = counted.filter((r) => inColumn(column, r.item.category, r.item.groups));
    const whole = cell(members);
    if (!layout?.cycleGroup || whole.value === null) {
      cells[column.name] = whole;
      continue;
    }
    // Per cycle group, then the sum of the groups' means over the number of groups (a group without the column adds nothing).
    const means = cycles.map((cycle) => cell(members.filter((r) => cycleOf(r) === cycle)).value ?? 0);
    cells[column.name] = { ...whole, value: means.reduce((a, b) => a + b, 0) / cycles.length };
  }
  const columnValues = Object.values(cells).map((c) => c.value);
  cells.Overall =
    layout?.overall === "mean-of-columns"
      ? { ...cell(counted), value: columnValues.some((v) => v === null) ? null : (columnValues as number[]).reduce((a, b) => a + b, 0) / columnValues.length }
      : cell(counted);

  const byItem = new Map<string, EvalThreadRecord[]>();
  for (const r of counted) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const passValues = [...byItem.values()].map((samples) => {
    const values = samples.map(scoreOf).filter((v): v is number => v !== undefined);
    return values.length === 0 ? undefined : Math.max(...values);
  });
  const defined = passValues.filter((v): v is number => v !== undefined);
  const passAtK: ReportCell = { value: defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length, n: defined.length, scorer: headline, ...(judgeName ? { judge: judgeName } : {}) };

  const categoryNames = [...new Set(counted.map((r) => r.item.category).filter((c): c is string => c !== undefined))].sort();
  const scorers: Record<string, ReportCell> = {};
  for (const id of config.scorers) scorers[id] = cell(counted, (r) => (r.status === "failed" ? 0 : r.scores[id] ? numericScore(r.scores[id].score) : undefined), id);

  const finished = records.filter((r) => isFinished(r.status));
  const sum = (f: (r: EvalThreadRecord) => number, of: readonly EvalThreadRecord[] = records) => of.reduce((total, r) => total + f(r), 0);
  const starts = records.map((r) => r.startedAt);
  const ends = records.map((r) => r.updatedAt);
  const spec = config.agent as { model?: string; script?: string; dialect?: string };
  return {
    runId: config.runId,
    benchmark: config.dataset.benchmark,
    model: spec.model ?? (spec.script ? `script:${spec.script}` : "unknown"),
    dialect: spec.dialect ?? "unknown",
    samples: config.samples,
    table2: { columns: Object.keys(cells), cells },
    sampling: { avgAtK: cell(counted), passAtK },
    categories: categoryNames.map((name) => ({ name, cell: cell(counted.filter((r) => r.item.category === name)) })),
    scorers,
    counts: {
      items: new Set(records.map((r) => r.itemId)).size,
      threads: records.length,
      answered: records.filter((r) => r.status === "answered").length,
      stopped: records.filter((r) => r.status === "stopped").length,
      failed: records.filter((r) => r.status === "failed").length,
      unfinished: records.filter((r) => r.status === "queued" || r.status === "running" || r.status === "interrupted").length,
      missingAnswer: finished.filter((r) => r.answer === null || r.answer.trim() === "").length,
      judgeFailed: finished.filter((r) => r.judge?.verdict === "judge_failed").length,
      meanTurns: finished.length === 0 ? 0 : sum((r) => r.turns, finished) / finished.length,
      meanToolCalls: finished.length === 0 ? 0 : sum((r) => r.toolCalls, finished) / finished.length,
      inputTokens: sum((r) => r.usage.inputTokens),
      outputTokens: sum((r) => r.usage.outputTokens),
      agentTimeMs: sum((r) => r.latencyMs),
      wallTimeMs: records.length === 0 ? 0 : Math.max(...ends) - Math.min(...starts),
    },
  };
}

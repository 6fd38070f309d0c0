import { buildReport, type EvalReport } from "../../eval/report/eval-report.js";
import type { EvalRunConfig, EvalThreadRecord } from "../../eval/runs/eval-run-record.js";
import { EvalRunTable } from "../../eval/runs/eval-run-table.js";
import { headlineScore } from "../../eval/runs/score-thread.js";
import type { Storage } from "../../storage/storage.js";

/** How a thread of a run ended, as the eval view's outcome filter names it. */
export type EvalItemOutcome = "judged" | "judge-failed" | "answered" | "stopped" | "failed" | "unfinished";

/** One row of the eval view's item table: a thread of the run with its headline score and outcome. */
export interface EvalItemRow {
  record: EvalThreadRecord;
  /** The run's headline score of the thread (the same one the report averages), or undefined while unscored. */
  score: number | undefined;
  outcome: EvalItemOutcome;
}

/** What the eval view shows: the run's configuration, its report (from the report code, not recomputed) and its threads. */
export interface EvalRunView {
  config: EvalRunConfig;
  report: EvalReport;
  rows: EvalItemRow[];
}

/** The outcome of one thread: failures and unfinished threads first, then the judge's verdict, else how the agent ended. */
export function outcomeOf(record: EvalThreadRecord): EvalItemOutcome {
  if (record.status === "failed") return "failed";
  if (record.status !== "answered" && record.status !== "stopped") return "unfinished";
  if (record.judge) return record.judge.verdict === "judge_failed" ? "judge-failed" : "judged";
  return record.status;
}

/** The eval view of records already read: the report is `buildReport`'s, each row's score is the report's headline score. */
export function evalRunView(config: EvalRunConfig, records: readonly EvalThreadRecord[]): EvalRunView {
  const judged = config.judge !== undefined;
  const rows = [...records]
    .sort((a, b) => a.itemId.localeCompare(b.itemId) || a.sample - b.sample)
    .map((record) => ({ record, score: record.status === "failed" ? 0 : headlineScore(record, config.scorers, judged), outcome: outcomeOf(record) }));
  return { config, report: buildReport(config, records), rows };
}

/** The eval view of a run in storage, or undefined when the storage has no such run. */
export async function loadEvalRunView(storage: Storage, runId: string): Promise<EvalRunView | undefined> {
  const table = new EvalRunTable(storage.cache);
  const config = await table.config(runId);
  return config && evalRunView(config, await table.threads(runId));
}

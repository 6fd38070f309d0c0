import { InterleafError } from "../errors/index.js";
import type { DataFilter, FilterContext, FilterVerdict } from "./data-filter.js";
import type { TrajectoryRecord } from "./trajectory-record.js";

/** One trajectory's verdicts, filter by filter, and whether it passed them all. */
export interface FilteredTrajectory {
  threadId: string;
  passed: boolean;
  verdicts: { filter: string; version: string; verdict: FilterVerdict }[];
}

/** How many trajectories a filter dropped, with a few examples of why. */
export interface FilterSummary {
  filter: string;
  version: string;
  checked: number;
  dropped: number;
  examples: { threadId: string; reason: string }[];
}

/** What {@link runFilters} found: per trajectory, per filter, and the totals. */
export interface FilterReport {
  trajectories: FilteredTrajectory[];
  summary: FilterSummary[];
  kept: number;
  total: number;
}

/** How many examples of drops {@link runFilters} keeps per filter (default 3). */
export interface RunFiltersOptions {
  examples?: number;
}

/**
 * Runs filters over trajectories, in order: a trajectory a filter drops is not shown to later
 * filters (so no judge is asked about a trajectory that already failed a cheap check), and every
 * verdict is recorded. Put cheap rule filters before judges.
 *
 * @example
 * ```ts
 * import { formatFilter, runFilters, toolErrorFilter, trajectoryRecord } from "interleaf/data";
 * import { openStorage } from "interleaf/storage";
 *
 * const storage = await openStorage("memory");
 * const record = trajectoryRecord("t1", { question: "2 + 2?", steps: [] });
 * const report = await runFilters([record], [formatFilter(), toolErrorFilter()], storage);
 * console.log(report.kept, report.summary[0]?.dropped); // 0 1
 * ```
 */
export async function runFilters(records: readonly TrajectoryRecord[], filters: readonly DataFilter[], context: FilterContext, options: RunFiltersOptions = {}): Promise<FilterReport> {
  const names = new Set<string>();
  for (const filter of filters) {
    if (names.has(filter.name)) throw new InterleafError("invalid_argument", `two filters are named "${filter.name}": give each its own name`);
    names.add(filter.name);
  }
  const maxExamples = options.examples ?? 3;
  const results = new Map<string, FilteredTrajectory>(records.map((record) => [record.threadId, { threadId: record.threadId, passed: true, verdicts: [] }]));
  const summary: FilterSummary[] = [];
  let alive = [...records];
  for (const filter of filters) {
    const verdicts = filter.checkAll ? await filter.checkAll(alive, context) : await checkEach(filter, alive, context);
    const line: FilterSummary = { filter: filter.name, version: filter.version, checked: alive.length, dropped: 0, examples: [] };
    const survivors: TrajectoryRecord[] = [];
    alive.forEach((record, i) => {
      const verdict = verdicts[i] ?? { pass: false, reason: `filter ${filter.name} gave no verdict` };
      const result = results.get(record.threadId)!;
      result.verdicts.push({ filter: filter.name, version: filter.version, verdict });
      if (verdict.pass) {
        survivors.push(record);
        return;
      }
      result.passed = false;
      line.dropped += 1;
      if (line.examples.length < maxExamples) line.examples.push({ threadId: record.threadId, reason: verdict.reason });
    });
    summary.push(line);
    alive = survivors;
  }
  const trajectories = records.map((record) => results.get(record.threadId)!);
  return { trajectories, summary, kept: alive.length, total: records.length };
}

async function checkEach(filter: DataFilter, records: readonly TrajectoryRecord[], context: FilterContext): Promise<FilterVerdict[]> {
  const verdicts: FilterVerdict[] = [];
  for (const record of records) {
    context.signal?.throwIfAborted();
    verdicts.push(await filter.check!(record, context));
  }
  return verdicts;
}

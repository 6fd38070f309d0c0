import type { EvalReport, ReportCell } from "./eval-report.js";

/** The formats `interleaf eval report` prints. */
export type ReportFormat = "md" | "json" | "csv";

const percent = (value: number | null) => (value === null ? "–" : (100 * value).toFixed(1));
const delta = (a: number | null, b: number | null) => (a === null || b === null ? "–" : `${b - a >= 0 ? "+" : ""}${(100 * (b - a)).toFixed(1)}`);
const source = (cell: ReportCell) => (cell.judge ? `judge ${cell.judge}` : cell.scorer);

/**
 * A report as Markdown (tables), JSON (the {@link EvalReport} object) or CSV (one row per cell:
 * `section,name,value,n,scorer,judge`). With `compare`, the Markdown and CSV put the other run
 * beside this one with the difference; JSON gives `{ run, compare }`.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { evalReport, formatReport } from "interleaf/eval";
 *
 * const storage = await openStorage("eval.db");
 * console.log(formatReport(await evalReport(storage, "run-a"), "csv", await evalReport(storage, "run-b")));
 * ```
 */
export function formatReport(report: EvalReport, format: ReportFormat, compare?: EvalReport): string {
  if (format === "json") return `${JSON.stringify(compare ? { run: report, compare } : report, null, 2)}\n`;
  return format === "csv" ? csv(report, compare) : markdown(report, compare);
}

/** Every cell of a report as `[section, name, cell]`. */
function cellsOf(report: EvalReport): [string, string, ReportCell][] {
  return [
    ...report.table2.columns.map((name): [string, string, ReportCell] => ["table2", name, report.table2.cells[name] as ReportCell]),
    ["sampling", `Avg@${report.samples}`, report.sampling.avgAtK],
    ["sampling", `Pass@${report.samples}`, report.sampling.passAtK],
    ...report.categories.map(({ name, cell }): [string, string, ReportCell] => ["category", name, cell]),
    ...Object.entries(report.scorers).map(([id, cell]): [string, string, ReportCell] => ["scorer", id, cell]),
  ];
}

function csv(report: EvalReport, compare?: EvalReport): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const other = new Map(compare ? cellsOf(compare).map(([section, name, cell]) => [`${section}/${name}`, cell]) : []);
  const header = ["section", "name", "value", "n", "scorer", "judge", ...(compare ? ["compare_value", "compare_n"] : [])];
  const rows = cellsOf(report).map(([section, name, cell]) => {
    const against = other.get(`${section}/${name}`);
    return [section, name, cell.value === null ? "" : String(cell.value), String(cell.n), cell.scorer, cell.judge ?? "", ...(compare ? [against?.value == null ? "" : String(against.value), against ? String(against.n) : ""] : [])];
  });
  const counts = Object.entries(report.counts).map(([name, value]) => ["count", name, String(value), "", "", "", ...(compare ? [String(compare.counts[name as keyof typeof report.counts]), ""] : [])]);
  return `${[header, ...rows, ...counts].map((row) => row.map(quote).join(",")).join("\n")}\n`;
}

function markdown(report: EvalReport, compare?: EvalReport): string {
  const lines: string[] = [];
  const title = compare ? `${report.runId} vs ${compare.runId}` : report.runId;
  lines.push(`# Eval run ${title}`, "", `${report.benchmark}: ${report.model}, dialect ${report.dialect}, ${report.samples} sample${report.samples === 1 ? "" : "s"} per item.`, "");
  const row = (label: string, a: ReportCell, b: ReportCell | undefined) =>
    compare ? `| ${label} | ${percent(a.value)} | ${b ? percent(b.value) : "–"} | ${b ? delta(a.value, b.value) : "–"} | ${a.n} | ${source(a)} |` : `| ${label} | ${percent(a.value)} | ${a.n} | ${source(a)} |`;
  const head = compare ? ["| | this run | other run | Δ | n | scored by |", "|---|---:|---:|---:|---:|---|"] : ["| | score | n | scored by |", "|---|---:|---:|---|"];
  lines.push("## Table 2", "", ...head);
  for (const name of report.table2.columns) lines.push(row(name, report.table2.cells[name] as ReportCell, compare?.table2.cells[name]));
  lines.push(row(`Avg@${report.samples}`, report.sampling.avgAtK, compare?.sampling.avgAtK), row(`Pass@${report.samples}`, report.sampling.passAtK, compare?.sampling.passAtK));
  if (report.categories.length > 0) {
    lines.push("", "## By category", "", ...head);
    for (const { name, cell } of report.categories) lines.push(row(name, cell, compare?.categories.find((c) => c.name === name)?.cell));
  }
  if (Object.keys(report.scorers).length > 1) {
    lines.push("", "## By scorer", "", ...head);
    for (const [id, cell] of Object.entries(report.scorers)) lines.push(row(id, cell, compare?.scorers[id]));
  }
  lines.push("", "## Counts", "", compare ? "| | this run | other run |" : "| | |", compare ? "|---|---:|---:|" : "|---|---:|");
  for (const [name, value] of Object.entries(report.counts)) {
    const shown = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
    lines.push(compare ? `| ${name} | ${shown(value)} | ${shown(compare.counts[name as keyof typeof report.counts])} |` : `| ${name} | ${shown(value)} |`);
  }
  return `${lines.join("\n")}\n`;
}

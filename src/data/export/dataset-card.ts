import type { FilterReport } from "../run-filters.js";
import { callsOf, type TrajectoryRecord } from "../trajectory-record.js";

/** A dataset card: the same facts as JSON (for tools) and Markdown (for people). */
export interface DatasetCard {
  json: {
    format: string;
    dialect: string;
    lines: number;
    images: number;
    byBenchmark: Record<string, number>;
    byCategory: Record<string, number>;
    toolCalls: { histogram: Record<string, number>; byTool: Record<string, number> };
    filters?: FilterReport["summary"];
    skipped: number;
    sources: string[];
  };
  markdown: string;
}

/** What the card says beyond the trajectories themselves. */
export interface DatasetCardFacts {
  format: string;
  dialect: string;
  lines: number;
  images: number;
  skipped: readonly { threadId: string; reason: string }[];
  filterReport?: FilterReport;
  sources: readonly string[];
}

/** The card of an export: counts per benchmark and category, the tool-call histogram, filter statistics, sources. */
export function datasetCard(records: readonly TrajectoryRecord[], facts: DatasetCardFacts): DatasetCard {
  const byBenchmark = countBy(records, (r) => r.benchmark ?? "(none)");
  const byCategory = countBy(records, (r) => r.category ?? "(none)");
  const histogram = countBy(records, (r) => String(callsOf(r).length));
  const byTool: Record<string, number> = {};
  for (const record of records) for (const call of callsOf(record)) byTool[call.name] = (byTool[call.name] ?? 0) + 1;
  const json: DatasetCard["json"] = {
    format: facts.format,
    dialect: facts.dialect,
    lines: facts.lines,
    images: facts.images,
    byBenchmark,
    byCategory,
    toolCalls: { histogram: sortedNumeric(histogram), byTool: sortedKeys(byTool) },
    ...(facts.filterReport ? { filters: facts.filterReport.summary } : {}),
    skipped: facts.skipped.length,
    sources: [...facts.sources],
  };
  const table = (title: string, rows: Record<string, number>) =>
    [`| ${title} | count |`, "| --- | ---: |", ...Object.entries(rows).map(([key, count]) => `| ${escapeCell(key)} | ${count} |`)].join("\n");
  const parts = [
    `# Dataset card`,
    "",
    `${facts.lines} ${facts.format} line${facts.lines === 1 ? "" : "s"} in the ${facts.dialect} dialect, ${facts.images} image file${facts.images === 1 ? "" : "s"}${facts.skipped.length ? `; ${facts.skipped.length} trajector${facts.skipped.length === 1 ? "y" : "ies"} left out` : ""}.`,
    "",
    table("benchmark", byBenchmark),
    "",
    table("category", byCategory),
    "",
    table("tool calls per trajectory", json.toolCalls.histogram),
    "",
    table("tool", json.toolCalls.byTool),
  ];
  if (facts.filterReport) {
    const { summary, kept, total } = facts.filterReport;
    parts.push("", `## Filters (${kept} of ${total} kept)`, "", "| filter | version | checked | dropped | example |", "| --- | --- | ---: | ---: | --- |");
    for (const line of summary) parts.push(`| ${escapeCell(line.filter)} | ${escapeCell(line.version)} | ${line.checked} | ${line.dropped} | ${escapeCell(line.examples[0]?.reason ?? "")} |`);
  }
  if (facts.sources.length > 0) parts.push("", "## Sources", "", ...facts.sources.map((source) => `- ${escapeCell(source)}`));
  return { json, markdown: `${parts.join("\n")}\n` };
}

function countBy(records: readonly TrajectoryRecord[], key: (record: TrajectoryRecord) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of records) counts[key(record)] = (counts[key(record)] ?? 0) + 1;
  return sortedKeys(counts);
}

function sortedKeys(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedNumeric(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => Number(a) - Number(b)));
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
}

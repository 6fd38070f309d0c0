import { isFinished } from "../../eval/runs/eval-run-record.js";
import type { ReportCell } from "../../eval/report/eval-report.js";
import { html, type Html } from "../html.js";
import { renderPage } from "../page.js";
import { histogramChart, percent, shareBars } from "./eval-charts.js";
import type { EvalRunView } from "./eval-run-view.js";
import { renderEvalItems, type ItemHref } from "./render-eval-items.js";

/** The eval view's own stylesheet and script (the filters), added to the viewer's. */
export const EVAL_ASSETS = { css: "eval-view.css", js: "eval-view.js" } as const;

const source = (cell: ReportCell) => (cell.judge ? `judge: ${cell.judge}` : cell.scorer);
const duration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

function table2(view: EvalRunView): Html {
  const { columns, cells } = view.report.table2;
  const cellOf = (name: string) => cells[name] as ReportCell;
  return html`<section class="eval-section" id="table2">
<h2>Table 2 · ${view.report.benchmark}</h2>
<table class="table2">
<thead><tr><th></th>${columns.map((c) => html`<th>${c}</th>`)}</tr></thead>
<tbody>
<tr class="scores"><th>${view.report.model}</th>${columns.map((c) => html`<td data-column="${c}" data-value="${cellOf(c).value ?? ""}">${percent(cellOf(c).value)}</td>`)}</tr>
<tr class="muted"><th>n</th>${columns.map((c) => html`<td>${cellOf(c).n}</td>`)}</tr>
<tr class="muted"><th>scored by</th>${columns.map((c) => html`<td>${source(cellOf(c))}</td>`)}</tr>
</tbody>
</table>
<table class="sampling">
<thead><tr><th>k = ${view.report.samples}</th><th>value</th><th>n</th><th>scored by</th></tr></thead>
<tbody>
${(
  [
    ["Avg@k", view.report.sampling.avgAtK],
    ["Pass@k", view.report.sampling.passAtK],
    ...Object.entries(view.report.scorers).map(([id, cell]) => [`scorer ${id}`, cell] as const),
  ] as const
).map(([label, cell]) => html`<tr data-row="${label}"><th>${label}</th><td data-value="${cell.value ?? ""}">${percent(cell.value)}</td><td>${cell.n}</td><td>${source(cell)}</td></tr>`)}
</tbody>
</table>
</section>`;
}

function charts(view: EvalRunView): Html {
  const finished = view.rows.filter((r) => isFinished(r.record.status)).map((r) => r.record);
  const categories = view.report.categories.map(({ name, cell }) => ({ label: name, value: cell.value, n: cell.n }));
  return html`<section class="eval-section charts" id="charts">
<div><h2>Per category</h2>${categories.length > 0 ? shareBars(categories) : html`<p class="muted">The items have no category.</p>`}</div>
<div><h2>Turns</h2>${histogramChart("turns", finished.map((r) => r.turns))}</div>
<div><h2>Tool calls</h2>${histogramChart("tool calls", finished.map((r) => r.toolCalls))}</div>
</section>`;
}

function counts(view: EvalRunView): Html {
  const c = view.report.counts;
  const entries: [string, string | number][] = [
    ["items", c.items],
    ["threads", c.threads],
    ["answered", c.answered],
    ["stopped", c.stopped],
    ["failed", c.failed],
    ["unfinished", c.unfinished],
    ["missing <answer>", c.missingAnswer],
    ["judge failed", c.judgeFailed],
    ["mean turns", c.meanTurns.toFixed(2)],
    ["mean tool calls", c.meanToolCalls.toFixed(2)],
    ["input tokens", c.inputTokens],
    ["output tokens", c.outputTokens],
    ["agent time", duration(c.agentTimeMs)],
    ["wall time", duration(c.wallTimeMs)],
  ];
  return html`<section class="eval-section" id="counts"><h2>Counts and cost</h2>
<dl class="counts">${entries.map(([name, value]) => html`<div data-count="${name}"><dt>${name}</dt><dd>${value}</dd></div>`)}</dl></section>`;
}

/**
 * The body of an eval run's page: its configuration, Table 2's row and the sampling scores (from
 * the report code, never recomputed), per-category bars, turn and tool-call histograms, counts,
 * tokens and time, and the filterable table of its threads, each linking to its trajectory.
 */
export function renderEvalBody(view: EvalRunView, itemHref: ItemHref, options: { live?: boolean } = {}): Html {
  const { config, report } = view;
  const judge = config.judge ? `${config.judge.model} (${config.judge.template}, ${config.judge.parser})` : "none";
  return html`<header class="page">
<h1>interleaf · eval run <code>${report.runId}</code>${options.live ? html` <span class="live">● live</span>` : null}</h1>
<p class="run-config">${report.benchmark} · ${config.dataset.path} · model ${report.model} · dialect ${report.dialect} · ${report.samples} sample${report.samples === 1 ? "" : "s"} · seed ${config.seed} · temperature ${config.generation.temperature} · scorers ${config.scorers.join(", ") || "none"} · judge ${judge} · interleaf ${config.version}</p>
</header>
${table2(view)}
${charts(view)}
${counts(view)}
${renderEvalItems(view, itemHref)}`;
}

/** An eval run as one self-contained page (nothing loads when it is opened); items link where `itemHref` says. */
export function renderEvalFile(view: EvalRunView, itemHref: ItemHref): string {
  return renderPage({ title: `interleaf · eval ${view.report.runId}`, body: renderEvalBody(view, itemHref), extra: EVAL_ASSETS });
}

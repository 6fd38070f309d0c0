import { html, type Html } from "../html.js";
import type { EvalItemOutcome, EvalRunView } from "./eval-run-view.js";

const OUTCOMES: readonly EvalItemOutcome[] = ["judged", "judge-failed", "answered", "stopped", "failed", "unfinished"];

/** Where an item's trajectory page is, by thread id; undefined when the thread has no page (e.g. never started). */
export type ItemHref = (threadId: string) => string | undefined;

const shownScore = (score: number | undefined) => (score === undefined ? "–" : Number.isInteger(score) ? String(score) : score.toFixed(3));

/**
 * The run's threads as a table with filters by text, category and outcome. The rows are rendered
 * here (escaped); the page's script only hides and shows them.
 */
export function renderEvalItems(view: EvalRunView, itemHref: ItemHref): Html {
  const categories = [...new Set(view.rows.map((r) => r.record.item.category).filter((c): c is string => c !== undefined))].sort();
  const outcomes = OUTCOMES.filter((o) => view.rows.some((r) => r.outcome === o));
  const rows = view.rows.map(({ record, score, outcome }) => {
    const href = itemHref(record.threadId);
    const search = [record.itemId, record.threadId, record.item.question, record.answer ?? "", record.item.category ?? "", String(record.item.gold ?? "")].join(" ").toLowerCase();
    const scoreClass = score === undefined ? "unscored" : score >= 1 ? "right" : score <= 0 ? "wrong" : "partial";
    return html`<tr class="item" data-thread="${record.threadId}" data-category="${record.item.category ?? ""}" data-outcome="${outcome}" data-text="${search}">
<td>${href ? html`<a class="item-link" href="${href}">${record.itemId}</a>` : record.itemId}${view.config.samples > 1 ? html` <span class="muted">s${record.sample}</span>` : null}</td>
<td>${view.report.benchmark}</td>
<td>${record.item.category ?? html`<span class="muted">–</span>`}</td>
<td class="question-cell">${record.item.question}</td>
<td class="answer-cell">${record.answer ?? html`<span class="muted">no answer</span>`}</td>
<td class="score ${scoreClass}" data-score="${score ?? ""}">${shownScore(score)}</td>
<td><span class="badge outcome-${outcome}">${outcome}</span>${record.judge ? html` <span class="muted">${record.judge.verdict}</span>` : null}${record.error ? html`<div class="muted">${record.error.code}: ${record.error.message}</div>` : null}</td>
<td class="num">${record.turns}</td>
<td class="num">${record.toolCalls}</td>
</tr>`;
  });
  return html`<section class="eval-items" id="items">
<h2>Items</h2>
<div class="filters">
  <label>Text <input type="search" id="filter-text" placeholder="question, answer, item id" autocomplete="off"></label>
  <label>Category <select id="filter-category"><option value="">all</option>${categories.map((c) => html`<option value="${c}">${c}</option>`)}</select></label>
  <label>Outcome <select id="filter-outcome"><option value="">all</option>${outcomes.map((o) => html`<option value="${o}">${o}</option>`)}</select></label>
  <span class="muted"><output id="shown-count">${view.rows.length}</output> of ${view.rows.length} threads shown</span>
</div>
<table class="items">
<thead><tr><th>Item</th><th>Benchmark</th><th>Category</th><th>Question</th><th>Answer</th><th>Score</th><th>Outcome</th><th>Turns</th><th>Tool calls</th></tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

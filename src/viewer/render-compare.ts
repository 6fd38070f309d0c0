import type { ImageStore } from "../images/image-store.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import { diffTrajectories, type StepChange } from "../testing/trajectory/trajectory-diff.js";
import { html, type Html } from "./html.js";
import { renderThumbnail } from "./render-image.js";
import { renderPage } from "./page.js";
import type { ThreadView } from "./thread-view.js";
import { inlineImageUrls, type ViewImageUrls } from "./view-images.js";

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

async function compactStep(step: TrajectoryStep | undefined, view: ThreadView, urls: ViewImageUrls): Promise<Html> {
  if (!step) return html`<span class="muted">(no step)</span>`;
  const calls = await Promise.all(
    step.calls.map(async (call) => {
      const thumbs = await Promise.all(call.observation.images.map((ref) => renderThumbnail(ref, view.labels.get(ref.id) ?? "", urls)));
      return html`<div class="action"><span class="tool">${call.name}</span><pre>${JSON.stringify(call.arguments) ?? ""}</pre>
  <pre class="observation">${call.observation.error ? `error ${call.observation.error.code}: ` : ""}${cut(call.observation.text, 600)}</pre>
  ${thumbs.length ? html`<div class="thumbs">${thumbs}</div>` : null}</div>`;
    }),
  );
  return html`<div><span class="badge">${step.kind.replace("_", " ")}</span>
  ${step.thought.trim() ? html`<p class="thought">${cut(step.thought.trim(), 800)}</p>` : null}
  ${calls}
  ${step.problem !== undefined ? html`<pre>${step.problem}</pre>` : null}
  ${step.answer !== undefined ? html`<p class="answer"><strong>answer:</strong> ${step.answer}</p>` : null}</div>`;
}

/**
 * Two threads side by side (a fork or a replay against its source): the first step where they
 * diverge, then every step with the changed ones marked and what changed in them.
 */
export async function renderCompareBody(a: ThreadView, b: ThreadView, urls: ViewImageUrls): Promise<Html> {
  const diff = diffTrajectories(a, b);
  const changes = new Map<number, StepChange>(diff.steps.map((s) => [s.index, s]));
  const count = Math.max(a.steps.length, b.steps.length);
  const rows = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const change = changes.get(i);
      const first = diff.firstDivergingStep === i;
      const [left, right] = await Promise.all([compactStep(a.steps[i], a, urls), compactStep(b.steps[i], b, urls)]);
      const what = change ? [...change.fields, ...change.actions.map((c) => `call ${c.position + 1} ${c.change}${c.fields.length ? ` (${c.fields.join(", ")})` : ""}`)] : [];
      return html`<tr class="${change ? "differs" : "same"}${first ? " first-divergence" : ""}"${first ? html` id="first-divergence"` : null} data-compare-step="${i}">
  <th colspan="2">step ${i}${change ? html` · <span class="badge error">${change.change}</span> ${what.join(", ")}` : html` · <span class="muted">same</span>`}</th></tr>
<tr class="${change ? "differs" : "same"}"><td>${left}</td><td>${right}</td></tr>`;
    }),
  );
  const outcome = (view: ThreadView) => (view.answer !== null ? `answer: ${view.answer}` : view.stop ? `stopped: ${view.stop.reason} (${view.stop.message})` : "not finished");
  return html`<header class="page"><h1>interleaf · compare</h1><p class="question">${a.question}</p></header>
<section class="compare">
  <p class="summary">${diff.same ? "The two trajectories are the same." : diff.firstDivergingStep === null ? "The steps are the same; the outcome differs." : html`First diverging step: <a href="#first-divergence">step ${diff.firstDivergingStep}</a> · ${diff.steps.length} steps differ.`}</p>
  <table class="compare"><thead><tr><th>A · <code>${a.threadId}</code><br><span class="muted">${outcome(a)}</span></th><th>B · <code>${b.threadId}</code><br><span class="muted">${outcome(b)}</span></th></tr></thead>
  <tbody>${rows}</tbody></table>
</section>`;
}

/** The comparison of two threads as one self-contained HTML page (see {@link renderCompareBody}). */
export async function renderCompareFile(a: ThreadView, b: ThreadView, images: ImageStore): Promise<string> {
  return renderPage({ title: `interleaf · compare ${a.threadId.slice(0, 8)} and ${b.threadId.slice(0, 8)}`, body: await renderCompareBody(a, b, inlineImageUrls(images)) });
}

import type { ImageStore } from "../images/image-store.js";
import { html, type Html } from "./html.js";
import { renderPage } from "./page.js";
import { renderInputs } from "./render-input.js";
import { renderPlan } from "./render-plan.js";
import { renderStep } from "./render-step.js";
import type { ThreadView } from "./thread-view.js";
import { inlineImageUrls, type ViewImageUrls } from "./view-images.js";

/** The outcome: the final answer, why the run stopped, or that it is still going. */
export function renderOutcome(view: ThreadView): Html {
  const totals = `${view.counters.modelTurns} model turns · ${view.counters.toolCalls} tool calls · ${view.counters.inputTokens}+${view.counters.outputTokens} tokens · ${Math.round(view.counters.elapsedMs)} ms`;
  if (view.answer !== null) {
    return html`<section class="outcome answered" id="outcome"><h2>Answer</h2><p class="final-answer">${view.answer}</p><div class="muted">${totals}</div></section>`;
  }
  if (view.stop) {
    return html`<section class="outcome stopped" id="outcome"><h2>Stopped: ${view.stop.reason.replaceAll("_", " ")}</h2><p>${view.stop.message}</p><div class="muted">${totals}</div></section>`;
  }
  return html`<section class="outcome running" id="outcome"><h2>Not finished</h2><p>${view.pending ? "A turn's tool calls are running, or the run was cut off while they ran." : "The run has not ended."} Resume it with <code>interleaf resume ${view.threadId}</code>.</p><div class="muted">${totals}</div></section>`;
}

/** The body of a thread's page: question, input images with regions, plan, timeline, outcome. */
export async function renderThreadBody(view: ThreadView, urls: ViewImageUrls, options: { live?: boolean } = {}): Promise<Html> {
  const [inputs, steps] = await Promise.all([renderInputs(view, urls), Promise.all(view.steps.map((step) => renderStep(step, view, urls)))]);
  return html`<header class="page">
  <h1>interleaf · thread <code>${view.threadId}</code>${options.live ? html` <span class="live">● live</span>` : null}</h1>
  <p class="question">${view.question}</p>
</header>
${view.plan ? renderPlan(view.plan) : null}
<main class="trajectory">
  <div class="images">${inputs.value ? inputs : html`<p class="muted">No input image.</p>`}</div>
  <ol class="timeline">${steps}</ol>
</main>
${renderOutcome(view)}`;
}

/**
 * A thread as one self-contained HTML page: every image inlined (downscaled), the stylesheet and
 * script inline under a strict Content-Security-Policy, so opening it makes no request at all.
 */
export async function renderThreadFile(view: ThreadView, images: ImageStore): Promise<string> {
  const body = await renderThreadBody(view, inlineImageUrls(images));
  return renderPage({ title: `interleaf · ${view.question.slice(0, 60)}`, body });
}

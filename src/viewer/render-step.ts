import type { TrajectoryStep } from "../state/trajectory.js";
import { isHostedStep } from "./hosted-step.js";
import { html, type Html } from "./html.js";
import { renderCall } from "./render-call.js";
import type { ThreadView } from "./thread-view.js";
import type { ViewImageUrls } from "./view-images.js";

/**
 * One step of the timeline: its number and kind, who ran it, model time and tokens, the thought,
 * each tool call, and the answer or the problem. `data-step` ties it to its regions on the image.
 */
export async function renderStep(step: TrajectoryStep, view: ThreadView, urls: ViewImageUrls): Promise<Html> {
  const calls = await Promise.all(step.calls.map((call) => renderCall(call, view.labels, urls)));
  const regions = view.regions.filter((r) => r.step === step.index);
  const hosted = isHostedStep(step);
  return html`<li class="step kind-${step.kind}${hosted ? " hosted" : ""}" id="step-${step.index}" data-step="${step.index}" tabindex="0">
  <header>
    <span class="step-number">step ${step.index}</span>
    <span class="badge">${step.kind.replace("_", " ")}</span>
    ${step.source === "graph" ? html`<span class="badge">graph step</span>` : null}
    ${hosted ? html`<span class="badge hosted-mark" title="run by the model's server: interleaf did not run, check or time these calls">hosted</span>` : null}
    ${regions.length ? html`<span class="badge region-count">${regions.length === 1 ? "1 region" : `${regions.length} regions`}</span>` : null}
    <span class="muted timing">${step.model.id} · ${Math.round(step.model.durationMs)} ms · ${step.usage.inputTokens}+${step.usage.outputTokens} tokens</span>
  </header>
  ${step.thought.trim() ? html`<div class="thought"><div class="muted">thought</div><p>${step.thought.trim()}</p></div>` : null}
  ${calls}
  ${step.note ? html`<div class="note muted">${step.note}</div>` : null}
  ${step.problem !== undefined ? html`<div class="problem"><span class="badge error">malformed</span> <pre>${step.problem}</pre></div>` : null}
  ${step.answer !== undefined ? html`<div class="answer"><div class="muted">answer</div><p>${step.answer}</p></div>` : null}
</li>`;
}

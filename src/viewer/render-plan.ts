import { html, type Html } from "./html.js";
import type { ViewPlan, ViewPlanStep } from "./thread-view.js";

const NODE = { width: 210, height: 54, columnGap: 64, rowGap: 18, pad: 8 };

/** Cuts text to `max` characters, with an ellipsis. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The plan as a dependency graph (one column per wave of steps that can run together, an arrow
 * from each step to the steps that need it, each node coloured by its status), the steps as a
 * table, and the plan–execution consistency report.
 */
export function renderPlan(plan: ViewPlan): Html {
  const position = new Map<number, { x: number; y: number }>();
  plan.waves.forEach((wave, column) =>
    wave.forEach((n, row) => position.set(n, { x: NODE.pad + column * (NODE.width + NODE.columnGap), y: NODE.pad + row * (NODE.height + NODE.rowGap) })),
  );
  const width = NODE.pad * 2 + Math.max(1, plan.waves.length) * (NODE.width + NODE.columnGap) - NODE.columnGap;
  const height = NODE.pad * 2 + Math.max(1, ...plan.waves.map((w) => w.length)) * (NODE.height + NODE.rowGap) - NODE.rowGap;
  const edges = plan.steps.flatMap((step) =>
    step.needs.map((need) => {
      const from = position.get(need);
      const to = position.get(step.number);
      if (!from || !to) return null;
      const x1 = from.x + NODE.width;
      const y1 = from.y + NODE.height / 2;
      const x2 = to.x;
      const y2 = to.y + NODE.height / 2;
      const mid = (x1 + x2) / 2;
      return html`<path class="edge" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2 - 6},${y2}" marker-end="url(#arrow)"></path>`;
    }),
  );
  const nodes = plan.steps.map((step) => {
    const at = position.get(step.number);
    if (!at) return null;
    return html`<g class="plan-node status-${step.status}" data-plan-step="${step.number}"${step.trajectoryIndex !== undefined ? html` data-step="${step.trajectoryIndex}"` : null}>
  <rect x="${at.x}" y="${at.y}" width="${NODE.width}" height="${NODE.height}" rx="6"></rect>
  <text x="${at.x + 8}" y="${at.y + 20}" class="plan-title">${step.number} · ${cut(step.tool, 18)} · ${step.status.replace("_", " ")}</text>
  <text x="${at.x + 8}" y="${at.y + 40}" class="plan-text">${cut(step.description, 30)}</text>
  <title>Step ${step.number}: ${step.description}</title>
</g>`;
  });
  const report = plan.consistency;
  return html`<section class="plan">
  <h2>Plan <span class="muted">version ${plan.version} of ${plan.versions} · ${plan.reason}</span></h2>
  <div class="plan-graph"><svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
    <defs><marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"></path></marker></defs>
    ${edges}${nodes}
  </svg></div>
  <table class="plan-steps"><thead><tr><th>#</th><th>tool</th><th>status</th><th>needs</th><th>description</th><th>parameters</th></tr></thead><tbody>
    ${plan.steps.map((step) => planRow(step))}
  </tbody></table>
  <div class="consistency ${report.consistent ? "ok" : "differs"}"><strong>Consistency:</strong> ${report.summary}
    <ul>${report.steps.filter((s) => s.differences.length).map((s) => html`<li>Step ${s.step} (${s.status.replace("_", " ")}): ${s.differences.join("; ")}</li>`)}
    ${report.unplanned.map((c) => html`<li>unplanned call ${c.name} in step ${c.trajectoryIndex}: <code>${JSON.stringify(c.arguments) ?? ""}</code></li>`)}</ul>
  </div>
</section>`;
}

function planRow(step: ViewPlanStep): Html {
  return html`<tr class="status-${step.status}"><td>${step.number}</td><td>${step.tool}</td><td>${step.trajectoryIndex !== undefined ? html`<a href="#step-${step.trajectoryIndex}">${step.status.replace("_", " ")}</a>` : step.status.replace("_", " ")}</td><td>${step.needs.join(", ")}</td><td>${step.description}</td><td><code>${JSON.stringify(step.parameters)}</code></td></tr>`;
}

import type { PlanStep } from "./plan.js";
import { planDependencies } from "./plan-dependencies.js";

/**
 * A plan as text for people (the CLI) and for models (the hybrid mode's guidance): numbered
 * steps with tool and parameters, what each needs, and the groups that can run in parallel.
 */
export function renderPlan(steps: readonly PlanStep[]): string {
  const { needs, waves } = planDependencies(steps);
  const lines = steps.map((step, i) => {
    const deps = needs[i] ?? [];
    const after = deps.length ? `  (needs ${deps.map((d) => `Step ${d}`).join(", ")})` : "";
    const params = step.tool_name === "none" ? "" : ` ${JSON.stringify(step.parameters)}`;
    return `Step ${i + 1}: ${step.tool_name}${params}${after}\n  ${step.description}`;
  });
  const order = waves.map((w) => (w.length > 1 ? `[${w.join(", ")}]` : String(w[0]))).join(" → ");
  return `${lines.join("\n")}\nOrder (steps in brackets can run at the same time): ${order}`;
}

/** Instructions for an interleaved agent that follows a plan as guidance (R1V4 style), not rigidly. */
export function planGuidance(steps: readonly PlanStep[]): string {
  return [
    "A plan was made for this question. Use it as guidance: follow its steps with your tools, fill each placeholder such as [X from Step 1] with what you actually found, and deviate when the evidence calls for it (a search finds nothing, a crop shows something else).",
    "",
    renderPlan(steps),
  ].join("\n");
}

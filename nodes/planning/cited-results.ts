import type { AgentStateValue, PlanVersion } from "../../src/index.js";
import type { CitedResult, PlanStepResult } from "../../src/planning/index.js";
import { runGallery } from "../../src/images/run-gallery.js";

/**
 * The results of the given steps that exist, as a model is shown them: the text, and the names
 * of the images a step produced ("observation 2"), so a placeholder can be filled with an image.
 */
export function citedResults(state: Pick<AgentStateValue, "images" | "steps">, plan: PlanVersion, results: ReadonlyMap<number, PlanStepResult>, steps: readonly number[]): CitedResult[] {
  const gallery = runGallery(state);
  const out: CitedResult[] = [];
  for (const n of steps) {
    const result = results.get(n);
    const step = plan.steps[n - 1];
    if (!result || !step || result.status === "skipped") continue;
    const call = state.steps.find((s) => s.index === result.trajectoryIndex)?.calls.find((c) => c.id === result.callId);
    const labels = (call?.observation.images ?? []).map((ref) => gallery.labelOf(ref.id)).filter((l): l is string => l !== undefined);
    out.push({ step: n, plan: step, text: labels.length ? `${result.text}\n[images produced: ${labels.join(", ")}]` : result.text });
  }
  return out;
}

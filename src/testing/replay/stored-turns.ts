import type { Dialect } from "../../dialects/dialect.js";
import { testingError } from "../testing-error.js";
import type { ModelBackend, ModelResponse } from "../../models/model-backend.js";
import type { TrajectoryStep } from "../../state/trajectory.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import { plural } from "../../util/plural.js";

/**
 * The model turns of a stored trajectory as model responses: the raw output of each step, and
 * its tool calls as native calls when the text alone does not carry them (tool-calling dialects).
 * Steps no model made (fixed tool steps) are skipped.
 */
export function storedModelTurns(steps: readonly TrajectoryStep[], dialect: Dialect, tools: ToolRegistry): ModelResponse[] {
  return steps
    .filter((step) => step.source !== "graph" && step.model.id !== "none")
    .map((step) => {
      const textOnly: ModelResponse = { text: step.raw, toolCalls: [], usage: { ...step.usage } };
      const parsed = dialect.parseTurn(textOnly, tools);
      const callsInText = parsed.kind === "tool_calls" ? parsed.calls.map((c) => c.name).join() : "";
      if (parsed.kind === step.kind && callsInText === step.calls.map((c) => c.name).join()) return textOnly;
      return { ...textOnly, toolCalls: step.calls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })) };
    });
}

/**
 * A model backend that serves a stored trajectory's turns in order, reporting the original
 * provider and model id (`provider:modelId` as the steps recorded it), so the re-run's state
 * can equal the original. Asking for more turns than were stored is a `cassette_mismatch`.
 */
export function storedTurnsModel(turns: readonly ModelResponse[], recordedId: string): ModelBackend & { readonly calls: number } {
  const colon = recordedId.indexOf(":");
  let served = 0;
  return {
    specificationVersion: "v1",
    provider: colon > 0 ? recordedId.slice(0, colon) : "replay",
    modelId: colon > 0 ? recordedId.slice(colon + 1) : recordedId,
    get calls() {
      return served;
    },
    async generate(request) {
      request.signal?.throwIfAborted();
      const turn = turns[served];
      if (!turn) {
        throw testingError("cassette_mismatch", `the stored thread has ${plural(turns.length, "model turn")} and the re-run asked for turn ${served + 1}: the re-run diverged from the stored trajectory (a changed graph, dialect or tool?)`);
      }
      served += 1;
      return structuredClone(turn);
    },
  };
}

import type { Planner } from "../../planning/planner.js";
import { modelPlanner, type ModelPlannerOptions } from "../../planning/model-planner.js";
import type { ModelBackend } from "../model-backend.js";
import { hostedR1V4Model, type HostedR1V4ModelOptions } from "./hosted-r1v4-model.js";

/** Options for {@link hostedR1V4Planner}: the backend's, and the planner's repair and size limits. */
export interface HostedR1V4PlannerOptions extends HostedR1V4ModelOptions, Pick<ModelPlannerOptions, "repairs" | "maxSteps"> {
  /** A backend to use instead of building one from these options (a cassette, a test server). */
  backend?: ModelBackend;
}

/**
 * The hosted planner model `skywork/r1v4-vl-planner-lite` as a `Planner`. The request is what
 * Skywork's planner clients send (`r1v4/batch_planner_nonstream.py`): no system prompt (the
 * model was trained with its own), the image(s) then the question. The reply,
 * `<think>…</think> <plan>[…]</plan>` with each step's `parameters` sometimes a JSON string, is
 * read and validated against the agent's tools as any plan is (`parsePlanText`): planner names
 * such as `query` become the executor's `queries`; an invalid plan is sent back once with its
 * problems, then the planner throws `plan_invalid`.
 *
 * @example
 * ```ts
 * import { hostedR1V4Planner } from "interleaf/skywork";
 *
 * const planner = hostedR1V4Planner({ apiKey: "sk-test" });
 * console.log(planner.name); // "skywork:skywork/r1v4-vl-planner-lite"
 * ```
 */
export function hostedR1V4Planner(options: HostedR1V4PlannerOptions = {}): Planner {
  const { backend, repairs, maxSteps, ...model } = options;
  const hosted = backend ?? hostedR1V4Model({ model: "skywork/r1v4-vl-planner-lite", ...model });
  return modelPlanner(withoutSystemPrompt(hosted), { ...(repairs !== undefined ? { repairs } : {}), ...(maxSteps !== undefined ? { maxSteps } : {}) });
}

/** The backend with system messages left out of every request (the hosted models take none). */
function withoutSystemPrompt(model: ModelBackend): ModelBackend {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    generate: (request) => model.generate({ ...request, messages: request.messages.filter((message) => message.role !== "system") }),
  };
}

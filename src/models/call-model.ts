import { InterleafError } from "../errors/index.js";
import type { ModelBackend, ModelRequest, ModelResponse } from "./model-backend.js";

/**
 * Calls a model backend, so that whatever it throws is an interleaf error: `model_failed` (the
 * thrown value as `cause`) unless it already is one, or `aborted`. Nodes and planners call models
 * through it, so a failing backend is never mistaken for a bug.
 *
 * @example
 * ```ts
 * import { InterleafError, callModel, type ModelBackend } from "interleaf";
 *
 * const flaky: ModelBackend = { specificationVersion: "v1", provider: "local", modelId: "m", generate: async () => { throw new Error("socket hang up"); } };
 * const error = await callModel(flaky, { messages: [] }).catch((e: unknown) => e);
 * if (InterleafError.isInstance(error)) console.log(error.code, error.message); // model_failed the model local:m failed: socket hang up
 * ```
 */
export async function callModel(model: ModelBackend, request: ModelRequest): Promise<ModelResponse> {
  try {
    return await model.generate(request);
  } catch (error) {
    throw InterleafError.from(error, "model_failed", `the model ${model.provider}:${model.modelId} failed`);
  }
}

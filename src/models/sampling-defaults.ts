import type { ModelBackend } from "./model-backend.js";

/** Sampling settings a request gets when it sets none of its own. */
export interface SamplingDefaults {
  temperature?: number;
  maxTokens?: number;
}

/**
 * The model with sampling defaults for requests that set none (a dialect's own sampling wins):
 * how an agent spec's `sampling` and an eval run's generation settings reach the model.
 *
 * @internal
 */
export function withSamplingDefaults(model: ModelBackend, defaults: SamplingDefaults): ModelBackend {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    generate: (request) =>
      model.generate({
        ...request,
        ...(request.temperature === undefined && defaults.temperature !== undefined ? { temperature: defaults.temperature } : {}),
        ...(request.maxTokens === undefined && defaults.maxTokens !== undefined ? { maxTokens: defaults.maxTokens } : {}),
      }),
  };
}

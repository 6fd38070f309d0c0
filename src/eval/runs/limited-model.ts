import type { ModelBackend } from "../../models/model-backend.js";
import type { Semaphore } from "../../util/semaphore.js";
import type { GenerationSettings } from "./eval-run-record.js";

/**
 * The agent's model as an eval run calls it: at most the run's number of requests in flight
 * (shared by all threads), and the run's generation settings where a request sets none.
 */
export function limitedModel(model: ModelBackend, gate: Semaphore, generation: GenerationSettings): ModelBackend {
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    generate: (request) =>
      gate.use(() =>
        model.generate({
          ...request,
          temperature: request.temperature ?? generation.temperature,
          ...(request.maxTokens === undefined && generation.maxTokens !== null ? { maxTokens: generation.maxTokens } : {}),
        }),
      ),
  };
}

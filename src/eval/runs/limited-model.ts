import type { ModelBackend } from "../../models/model-backend.js";
import { withSamplingDefaults } from "../../models/sampling-defaults.js";
import type { Semaphore } from "../../util/semaphore.js";
import type { GenerationSettings } from "./eval-run-record.js";

/**
 * The agent's model as an eval run calls it: at most the run's number of requests in flight
 * (shared by all threads), and the run's generation settings where a request sets none.
 */
export function limitedModel(model: ModelBackend, gate: Semaphore, generation: GenerationSettings): ModelBackend {
  const sampled = withSamplingDefaults(model, { temperature: generation.temperature, ...(generation.maxTokens !== null ? { maxTokens: generation.maxTokens } : {}) });
  return { ...sampled, generate: (request) => gate.use(() => sampled.generate(request)) };
}

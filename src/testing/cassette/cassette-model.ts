import type { ModelBackend, ModelRequest, ModelResponse } from "../../models/model-backend.js";
import type { CassetteLedger } from "./cassette-ledger.js";
import { canonicalModelRequest, modelRequestKey, modelRequestLines } from "./model-request-key.js";

/** A live model backend, or a function making one (called only when a call really goes live). */
export type LiveModel = ModelBackend | (() => ModelBackend);

/**
 * Wraps a model backend so its calls are recorded to or replayed from a cassette. The wrapper
 * reports the live backend's provider and model id (read from the recording when the live
 * backend is a factory that replay never needs to call), so a replayed run's state equals the
 * recorded one's.
 */
export function cassetteModel(ledger: CassetteLedger, live: LiveModel, name: string): ModelBackend {
  let instance: ModelBackend | undefined = typeof live === "function" ? undefined : live;
  const backend = (): ModelBackend => (instance ??= (live as () => ModelBackend)());
  const identity = (): { provider: string; modelId: string } => {
    if (instance) return instance;
    const recorded = ledger.mode === "record" || ledger.mode === "off" ? undefined : ledger.recordedModel(name);
    return recorded ?? backend();
  };
  return {
    specificationVersion: "v1",
    get provider() {
      return identity().provider;
    },
    get modelId() {
      return identity().modelId;
    },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      request.signal?.throwIfAborted();
      if (ledger.mode === "off") return backend().generate(request);
      const canonical = ledger.redact(canonicalModelRequest(request, ledger.normalizeText));
      const key = modelRequestKey(name, canonical);
      if (ledger.replays) {
        const hit = ledger.take(key);
        if (hit?.kind === "model") return structuredClone(hit.response);
        if (ledger.mode === "replay") throw ledger.mismatch({ kind: "model", name, key, lines: modelRequestLines(canonical) });
      }
      const seq = ledger.reserve();
      const live = backend();
      const raw = await live.generate(request);
      const response: ModelResponse = ledger.redact(JSON.parse(JSON.stringify(raw)) as ModelResponse);
      ledger.record(seq, { kind: "model", key, name, provider: live.provider, modelId: live.modelId, request: canonical, response });
      return structuredClone(response);
    },
  };
}

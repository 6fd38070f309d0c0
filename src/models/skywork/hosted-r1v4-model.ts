import type { ModelBackend } from "../model-backend.js";
import { openAICompatibleModel, type OpenAICompatibleModelOptions } from "../openai-compatible/openai-compatible-model.js";

/** The Skywork platform's API root; requests go to `${SKYWORK_BASE_URL}/chat/completions`. */
export const SKYWORK_BASE_URL = "https://api.skyworkmodel.ai/api/v1";

/** Options for {@link hostedR1V4Model}. */
export interface HostedR1V4ModelOptions
  extends Omit<OpenAICompatibleModelOptions, "baseURL" | "model" | "imagePlacement" | "provider" | "stop" | "apiKeyEnv"> {
  /**
   * The hosted model: `skywork/r1v4-lite` (default, the agent), `skywork/r1v4-vl-planner-lite`
   * (the planner); the earlier names `skywork/r1v4-deepresearch` and `skywork/r1v4-plan` are
   * passed through as given.
   */
  model?: string;
  /** The API root. Default {@link SKYWORK_BASE_URL}. */
  baseURL?: string;
  /** The environment variable holding the key when `apiKey` is not given. Default `SKYWORK_API_KEY`. */
  apiKeyEnv?: string;
  /**
   * Sent as `enable_search`: whether the server may search the web during its loop. Default
   * `false`, as Skywork's clients send it; not sent for the planner model, as their planner
   * clients do not send it.
   */
  enableSearch?: boolean;
}

/**
 * The hosted Skywork-R1V4 API as a model backend: an OpenAI-style `POST /api/v1/chat/completions`
 * with `Authorization: Bearer <key>`, the key from `SKYWORK_API_KEY` unless given, images as
 * base64 data URLs before the text, `"stream": false` and `enable_search` in the body, as
 * Skywork's own clients send them (`r1v4/batch_nonstream.py`, `r1v4/batch_planner_nonstream.py` of
 * github.com/SkyworkAI/Skywork-R1V at b806cef). Pair it with `hostedR1V4Dialect` (the agent) or
 * `hostedR1V4Planner` (the planner).
 *
 * Failures are `model_failed`: 408/409/429/5xx and network errors are retryable (and retried,
 * honouring `Retry-After`), 400/401/403 are not; the error's message quotes the start of the
 * server's error body with the key removed. The per-attempt time limit defaults to 300 s, as in
 * Skywork's scripts: the server runs a whole agent loop per call.
 *
 * @example
 * ```ts
 * import { hostedR1V4Model } from "interleaf/skywork";
 *
 * const model = hostedR1V4Model({ apiKey: "sk-test", enableSearch: true });
 * console.log(model.provider, model.modelId); // "skywork" "skywork/r1v4-lite"
 * ```
 */
// Ported from {repo: SkyworkAI/Skywork-R1V, commit: b806cefffa71be98cdadec30ef79cdeeb703a4a0,
// path: r1v4/batch_nonstream.py and r1v4/batch_planner_nonstream.py, function: call_api}.
export function hostedR1V4Model(options: HostedR1V4ModelOptions = {}): ModelBackend {
  const { model = "skywork/r1v4-lite", baseURL = SKYWORK_BASE_URL, apiKeyEnv = "SKYWORK_API_KEY", enableSearch, extraBody, ...rest } = options;
  const planner = /plan/i.test(model);
  const flags: Record<string, unknown> = { stream: false };
  if (!planner || enableSearch !== undefined) flags.enable_search = enableSearch ?? false;
  return openAICompatibleModel({
    timeoutMs: 300_000,
    ...rest,
    baseURL,
    model,
    apiKeyEnv,
    provider: "skywork",
    imagePlacement: "before-text",
    extraBody: { ...flags, ...extraBody },
  });
}

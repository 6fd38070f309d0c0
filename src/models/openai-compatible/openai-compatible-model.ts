import { InterleafError } from "../../errors/index.js";
import type { ModelBackend, ModelRequest, ModelResponse } from "../model-backend.js";
import { excerpt } from "../model-errors.js";
import { httpStatusError } from "../../net/http-status-error.js";
import { REDACTED, redactSecrets } from "../../net/redact.js";
import { withRetry } from "../../net/retry.js";
import { loadApiKey } from "../../util/load-api-key.js";
import { chatEndpoint, credentialValues } from "./chat-endpoint.js";
import { toOpenAIMessages, toOpenAITools, type ImagePlacement } from "./openai-messages.js";
import { readChatCompletion } from "./openai-response.js";
import { readChatCompletionStream } from "./openai-stream.js";
import { cutAtStop, stopWatcher } from "../stop-sequences.js";
import { redactingDeltas } from "../../net/redact-stream.js";

/** Options for {@link openAICompatibleModel}. */
export interface OpenAICompatibleModelOptions {
  /** The API root, e.g. `http://127.0.0.1:8000/v1`; requests go to `${baseURL}/chat/completions`. */
  baseURL: string;
  /** The model's name as the server knows it (`skywork/r1v4-lite`, `Qwen/Qwen3-VL-8B-Instruct`). */
  model: string;
  /**
   * The API key, sent as `Authorization: Bearer`. Default: the environment variable named by
   * `apiKeyEnv`; when neither is set, creating the backend throws `config_invalid` naming the
   * variable. Pass `apiKey: ""` for a server that needs no key (a local vLLM or SGLang).
   */
  apiKey?: string;
  /** The environment variable holding the key. Default `OPENAI_API_KEY`. */
  apiKeyEnv?: string;
  /** Extra fields merged into every request body (e.g. `{ enable_search: true }` for the Skywork API). */
  extraBody?: Record<string, unknown>;
  /** Stop sequences added to every request (merged with the request's own). */
  stop?: string[];
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
  /** The fetch to use (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch;
  /** Time limit of one attempt in ms. Default 300 000. */
  timeoutMs?: number;
  /** Retries after the first attempt on 408/409/429/5xx, network errors and timeouts. Default 2. */
  maxRetries?: number;
  /** Default sampling temperature (a request's own wins). */
  temperature?: number;
  /** Default output token limit (a request's own wins). */
  maxTokens?: number;
  /** Where images go in user messages: `in-order` (default: each image stays beside its label, as multi-turn loops need) or `before-text` (all images first, as the hosted Skywork API wants). */
  imagePlacement?: ImagePlacement;
  /** The provider name reported by the backend. Default `openai-compatible`. */
  provider?: string;
  /** First backoff in ms, doubled each retry, with jitter. Default 1000. */
  retryBaseDelayMs?: number;
  /** Longest wait between attempts, including a server's `Retry-After`. Default 60 000. */
  retryMaxDelayMs?: number;
  /** Waits between attempts (injected in tests). Default: a real timer that stops on abort. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** The current time in ms, for `Retry-After` dates. Default `Date.now`. */
  now?: () => number;
}

/**
 * A backend for any server speaking OpenAI's chat-completions API: vLLM, SGLang, OpenRouter, the
 * Skywork API. Images go as base64 data URLs, native tools in `tools` when the dialect sends
 * them. Retries 408/409/429/5xx, network errors and timeouts with exponential backoff and
 * jitter, honouring `Retry-After`. The API key is never part of an error.
 *
 * @example
 * ```ts
 * import { openAICompatibleModel } from "interleaf";
 *
 * const model = openAICompatibleModel({
 *   baseURL: "https://api.skyworkmodel.ai/api/v1",
 *   model: "skywork/r1v4-lite",
 *   apiKeyEnv: "SKYWORK_API_KEY",
 *   extraBody: { enable_search: true },
 * });
 * console.log(model.modelId); // "skywork/r1v4-lite"
 * ```
 */
export function openAICompatibleModel(options: OpenAICompatibleModelOptions): ModelBackend {
  const provider = options.provider ?? "openai-compatible";
  const endpoint = chatEndpoint(options.baseURL);
  const url = endpoint.url;
  const apiKey = loadApiKey({
    apiKey: options.apiKey,
    environmentVariable: options.apiKeyEnv ?? "OPENAI_API_KEY",
    service: `the model "${options.model}" at ${endpoint.shown}`,
    hint: 'for a server that needs no key, such as a local vLLM, pass apiKey: ""',
  });
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 300_000;
  const maxRetries = Math.max(0, options.maxRetries ?? 2);
  const now = options.now ?? Date.now;
  const maxDelayMs = options.retryMaxDelayMs ?? 60_000;
  const retry = {
    retries: maxRetries,
    baseMs: options.retryBaseDelayMs ?? 1000,
    maxMs: maxDelayMs,
    maxRetryAfterMs: maxDelayMs,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
  };
  const who = `the model "${options.model}" at ${endpoint.shown}`;
  // The key, and credentials in the URL or the extra body: a server may echo any of them, in an error or in a reply.
  const secrets = [apiKey, ...endpoint.secrets, ...credentialValues(options.extraBody)];
  const clean = (value: string) => redactSecrets(value, secrets);

  function stopsOf(request: ModelRequest): string[] {
    return [...new Set([...(options.stop ?? []), ...(request.stop ?? [])])];
  }

  function requestBody(request: ModelRequest): string {
    const stop = stopsOf(request);
    const body: Record<string, unknown> = {
      model: options.model,
      messages: toOpenAIMessages(request.messages, options.imagePlacement ?? "in-order"),
    };
    if (request.tools && request.tools.length > 0) body.tools = toOpenAITools(request.tools);
    if (stop.length > 0) body.stop = stop;
    const temperature = request.temperature ?? options.temperature;
    if (temperature !== undefined) body.temperature = temperature;
    const maxTokens = request.maxTokens ?? options.maxTokens;
    if (maxTokens !== undefined) body.max_tokens = maxTokens;
    if (request.topP !== undefined) body.top_p = request.topP;
    if (request.onTextDelta) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
    // vLLM's and SGLang's way to let the model go on with its own last message.
    if (request.continueFinalMessage) Object.assign(body, { continue_final_message: true, add_generation_prompt: false });
    return JSON.stringify({ ...body, ...options.extraBody });
  }

  function headers(streaming: boolean): Record<string, string> {
    const out: Record<string, string> = { "content-type": "application/json", accept: streaming ? "text/event-stream, application/json" : "application/json", ...options.headers };
    if (apiKey) out.authorization = `Bearer ${apiKey}`;
    return out;
  }

  /**
   * One HTTP attempt; failures are thrown as `InterleafError`s (with `retryAfterMs` in details when
   * the server sent one). With `stream`, the reply is read as server-sent events and its text passed
   * on as it comes (redacted, up to the first stop sequence); a failure after text was passed on is
   * not retried, so no one sees it twice.
   */
  async function attempt(body: string, signal: AbortSignal | undefined, stream?: { stops: string[]; onTextDelta: (delta: string) => void }): Promise<ModelResponse> {
    const controller = new AbortController();
    let timedOut = false;
    let emitted = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const response = await doFetch(url, { method: "POST", headers: headers(stream !== undefined), body, signal: controller.signal });
      if (stream && response.ok && response.body && /text\/event-stream/i.test(response.headers.get("content-type") ?? "")) {
        const out = redactingDeltas(secrets, (delta) => {
          emitted = true;
          stream.onTextDelta(delta);
        });
        const watcher = stopWatcher(stream.stops, (delta) => out.push(delta));
        const assembled = await readChatCompletionStream(response.body, (delta) => watcher.push(delta));
        out.flush();
        const reading = readChatCompletion(assembled);
        if (!reading.ok) {
          throw new InterleafError("model_failed", `${who} streamed a reply without a usable completion: ${clean(reading.problem)}; check the model name and the server's logs`, { details: { status: response.status, provider, modelId: options.model } });
        }
        return redactedResponse({ ...reading.response, text: cutAtStop(reading.response.text, stream.stops).text }, clean);
      }
      const text = await response.text();
      if (!response.ok) {
        throw httpStatusError(response.status, { code: "model_failed", what: who, headers: response.headers, body: excerpt(clean(text)), now: now(), details: { provider, modelId: options.model } });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new InterleafError(
          "model_failed",
          `${who} answered HTTP ${response.status} with a body that is not JSON (${clean(excerpt(text, 120)) || "empty"}); check that baseURL points at an OpenAI-compatible API root (it usually ends in /v1)`,
          { details: { status: response.status, provider, modelId: options.model } },
        );
      }
      const reading = readChatCompletion(json);
      if (!reading.ok) {
        throw new InterleafError("model_failed", `${who} answered without a usable completion: ${clean(reading.problem)}; check the model name and the server's logs`, { details: { status: response.status, provider, modelId: options.model } });
      }
      const whole = redactedResponse(reading.response, clean);
      // A server that does not stream answers at once: its whole text is the one piece.
      if (stream && whole.text) stream.onTextDelta(whole.text);
      return whole;
    } catch (cause) {
      if (emitted && signal?.aborted) throw new InterleafError("aborted", `the call to ${who} was aborted`);
      if (emitted) {
        const error = InterleafError.from(cause, "model_failed", `${who} failed in the middle of a streamed reply`);
        throw new InterleafError("model_failed", `${clean(error.message)} (after part of the reply was streamed: not retried)`, { cause, retryable: false, details: { provider, modelId: options.model } });
      }
      if (InterleafError.isInstance(cause)) throw cause;
      if (signal?.aborted) throw new InterleafError("aborted", `the call to ${who} was aborted`);
      if (timedOut) {
        throw new InterleafError("model_failed", `${who} did not answer within ${timeoutMs} ms; try again, or raise timeoutMs for long generations`, { retryable: true, details: { timeoutMs, provider, modelId: options.model } });
      }
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? `${cause.message} (${cause.cause.message})` : cause.message) : String(cause);
      throw new InterleafError("model_failed", `could not reach ${who}: ${clean(reason)}; check that the server is running and the base URL is right`, { retryable: true, details: { provider, modelId: options.model } });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    specificationVersion: "v1",
    provider,
    modelId: options.model,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const body = requestBody(request);
      if (request.signal?.aborted) throw new InterleafError("aborted", `the call to ${who} was aborted`);
      try {
        const stream = request.onTextDelta ? { stops: stopsOf(request), onTextDelta: request.onTextDelta } : undefined;
        return await withRetry(() => attempt(body, request.signal, stream), { ...retry, ...(request.signal ? { signal: request.signal } : {}) });
      } catch (error) {
        if (request.signal?.aborted && !(InterleafError.isInstance(error) && error.code === "aborted")) {
          throw new InterleafError("aborted", `the call to ${who} was aborted while waiting to retry`, { cause: error });
        }
        throw error;
      }
    },
  };
}

/** A reply with every secret removed from its text and tool-call arguments (it is kept in checkpoints and shown to people). */
function redactedResponse(response: ModelResponse, clean: (value: string) => string): ModelResponse {
  const toolCalls = response.toolCalls.map((call) => {
    const json = JSON.stringify(call.arguments ?? null);
    const cleaned = clean(json);
    if (cleaned === json) return call;
    try {
      return { ...call, arguments: JSON.parse(cleaned) as unknown };
    } catch {
      return { ...call, arguments: REDACTED };
    }
  });
  return { ...response, text: clean(response.text), toolCalls };
}

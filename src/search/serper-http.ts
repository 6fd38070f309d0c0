import { InterleafError } from "../errors/index.js";
import { abortErrorFor, timeLimit } from "../net/abortable.js";
import { httpStatusError } from "../net/http-status-error.js";
import { readLimitedBody } from "../net/read-limited-body.js";
import { redactSecrets } from "../net/redact.js";
import { loadApiKey } from "../util/load-api-key.js";

/** Settings shared by the Serper backends (`serperSearch`, `serperLens`, `serperWebpage`). */
export interface SerperOptions {
  /** Serper API key; defaults to `SERPER_API_KEY` (neither is a `config_invalid` error; `""` sends none). Sent as `X-API-KEY`, never logged. */
  apiKey?: string;
  /** API root (default `https://google.serper.dev`; tests point it at a local server). */
  baseURL?: string;
  /** HTTP client (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Time limit of one request (default 20,000 ms). */
  timeoutMs?: number;
  /** Largest response accepted (default 5 MB). */
  maxBytes?: number;
  /** Country (`gl`) and language (`hl`) of results, e.g. `us`, `en`. */
  gl?: string;
  hl?: string;
}

/** The resolved key, or a `config_invalid` error saying where to put it. */
export function serperKey(options: SerperOptions): string {
  return loadApiKey({ apiKey: options.apiKey, environmentVariable: "SERPER_API_KEY", service: "Serper", hint: "get one at serper.dev" });
}

/** The key, API root, locale fields and cache fingerprint of a Google (search, images, lens) Serper backend. */
export function serperGoogle(options: SerperOptions): { key: string; base: string; locale: { gl?: string; hl?: string }; fingerprint: string } {
  const base = options.baseURL ?? "https://google.serper.dev";
  return {
    key: serperKey(options),
    base,
    locale: { ...(options.gl ? { gl: options.gl } : {}), ...(options.hl ? { hl: options.hl } : {}) },
    fingerprint: `${base}|${options.gl ?? ""}|${options.hl ?? ""}`,
  };
}

/** POSTs JSON to a Serper endpoint and parses the JSON answer, mapping failures to interleaf errors. */
export async function serperPost(url: string, body: Record<string, unknown>, key: string, options: SerperOptions, what: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const limit = timeLimit(timeoutMs, signal, `${what} took longer than ${timeoutMs} ms`);
  const combined = limit.signal;
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify(body),
      signal: combined,
    });
    if (!response.ok) {
      const excerpt = await response.text().then((t) => t.slice(0, 300), () => "");
      throw httpStatusError(response.status, { code: "search_failed", what, headers: response.headers, body: redactSecrets(excerpt, [key]) });
    }
    bytes = await readLimitedBody(response, options.maxBytes ?? 5_000_000, `the ${what} response`);
  } catch (error) {
    const mapped = abortErrorFor(combined, what, timeoutMs, error);
    if (mapped) throw mapped;
    if (InterleafError.isInstance(error)) throw error.code === "fetch_failed" ? new InterleafError("search_failed", error.message, { cause: error }) : error;
    const message = redactSecrets((error as Error).message ?? String(error), [key]);
    throw new InterleafError("search_failed", `${what} could not reach Serper (${message}); try again later`, { cause: error, retryable: true });
  } finally {
    limit.clear();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw notSerperJson(what, (error as Error).message, error);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw notSerperJson(what, "not a JSON object");
  return parsed as Record<string, unknown>;
}

function notSerperJson(what: string, problem: string, cause?: unknown): InterleafError<"search_failed"> {
  return new InterleafError("search_failed", `${what} returned a response that is not the JSON Serper sends (${problem}); the service may be misbehaving, try again later`, { cause, retryable: true });
}

/** The string at `record[key]`, or "". */
export function str(record: unknown, key: string): string {
  const value = typeof record === "object" && record !== null ? (record as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

/** The array at `record[key]`, or []. */
export function arr(record: unknown, key: string): unknown[] {
  const value = typeof record === "object" && record !== null ? (record as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
}

/** Joins a base URL and a path without doubling slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

import type { TavilyClient } from "@tavily/core";
import { InterleafError, type AnyInterleafError } from "../errors/index.js";
import { httpStatusError } from "../net/http-status-error.js";
import { abortErrorFor, raceAbort, timeLimit } from "../net/abortable.js";
import { redactSecrets } from "../net/redact.js";
import { loadApiKey } from "../util/load-api-key.js";

/** Settings shared by `tavilySearch` and `tavilyExtract`. */
export interface TavilyOptions {
  /** Tavily API key; defaults to `TAVILY_API_KEY` (neither is a `config_invalid` error, unless a `client` is given). */
  apiKey?: string;
  /** API root (default `https://api.tavily.com`); passed to `@tavily/core` as `apiBaseURL`. */
  baseURL?: string;
  /**
   * A ready client (anything with `search` and `extract` shaped like `@tavily/core`'s), e.g. one
   * built with proxies. When given, `apiKey` and `baseURL` only serve redaction and identity.
   */
  client?: Pick<TavilyClient, "search" | "extract">;
  /** Time limit of one request (default 20,000 ms). */
  timeoutMs?: number;
}

/** The client and key of a Tavily backend. */
export interface ResolvedTavily {
  client: Pick<TavilyClient, "search" | "extract">;
  key: string;
  base: string;
  timeoutMs: number;
}

/**
 * Builds the `@tavily/core` client. The SDK (0.7) talks HTTP through axios and takes
 * `apiBaseURL`, so tests point it at a local server; it offers no injectable fetch and no
 * AbortSignal, so cancellation abandons the request (`raceAbort`) and the SDK's own timeout
 * (whole seconds) bounds it.
 */
export function resolveTavily(options: TavilyOptions): ResolvedTavily {
  const source = { apiKey: options.apiKey, environmentVariable: "TAVILY_API_KEY", service: "Tavily", hint: "get one at tavily.com" };
  // A ready client carries its own credentials; the key then only serves redaction.
  const key = options.client ? (options.apiKey ?? process.env.TAVILY_API_KEY ?? "") : loadApiKey(source);
  const base = options.baseURL ?? "https://api.tavily.com";
  const client = options.client ?? lazyTavilyClient(key, base);
  return { client, key, base, timeoutMs: options.timeoutMs ?? 20_000 };
}

/** The `@tavily/core` client, loaded (with its axios) by the first call rather than by importing interleaf. */
function lazyTavilyClient(apiKey: string, base: string): Pick<TavilyClient, "search" | "extract"> {
  let made: Promise<TavilyClient> | undefined;
  const client = () => (made ??= import("@tavily/core").then(({ tavily }) => tavily({ apiKey, apiBaseURL: base.replace(/\/+$/, "") })));
  return {
    search: async (...args: Parameters<TavilyClient["search"]>) => (await client()).search(...args),
    extract: async (...args: Parameters<TavilyClient["extract"]>) => (await client()).extract(...args),
  };
}

/** Runs one SDK call under a time limit and the caller's signal, mapping its errors. */
export async function callTavily<T>(resolved: ResolvedTavily, what: string, signal: AbortSignal | undefined, run: (timeoutSeconds: number) => Promise<T>): Promise<T> {
  const limit = timeLimit(resolved.timeoutMs, signal, `${what} took longer than ${resolved.timeoutMs} ms`);
  try {
    return await raceAbort(run(Math.max(1, Math.ceil(resolved.timeoutMs / 1000))), limit.signal);
  } catch (error) {
    throw abortErrorFor(limit.signal, what, resolved.timeoutMs, error) ?? tavilyError(error, what, resolved.key);
  } finally {
    limit.clear();
  }
}

/**
 * Maps an `@tavily/core` error. The SDK folds HTTP failures into plain `Error`s: "<status>
 * Error: <body>" when the body has no `detail.error`, else just that message (status and
 * `Retry-After` are lost), and "Request timed out after N seconds." for timeouts. Retryability
 * is read from the status when present, else from the wording (rate limits, overload).
 */
function tavilyError(error: unknown, what: string, key: string): AnyInterleafError {
  const raw = error instanceof Error ? error.message : String(error);
  const message = redactSecrets(raw, [key]).slice(0, 400);
  if (/timed out/i.test(message)) return new InterleafError("timeout", `${what} timed out; try again`, { cause: error, retryable: true });
  const status = Number(/(?:^|status code |\b)(\d{3}) Error\b/.exec(message)?.[1] ?? /status code (\d{3})/.exec(message)?.[1] ?? Number.NaN);
  if (Number.isFinite(status)) return httpStatusError(status, { code: "search_failed", what, body: message, cause: error });
  const retryable = /rate limit|too many requests|overloaded|temporar|unavailable|try again|ECONNRESET|ECONNREFUSED|socket hang up/i.test(message);
  const hint = retryable ? "try again later" : "check the request and the API key";
  return new InterleafError("search_failed", `${what} failed: ${message}; ${hint}`, { cause: error, retryable });
}

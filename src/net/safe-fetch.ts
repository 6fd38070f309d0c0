import { InterleafError } from "../errors/index.js";
import { abortErrorFor, timeLimit } from "./abortable.js";
import type { AllowList } from "./allow-list.js";
import { httpStatusError } from "./http-status-error.js";
import { pinnedFetch } from "./pinned-fetch.js";
import { readLimitedBody } from "./read-limited-body.js";
import { guardUrl, type LookupFunction } from "./url-guard.js";

/** Options for {@link safeFetch}. */
export interface SafeFetchOptions {
  /** Hosts, host:port pairs and networks admitted although not public (see `AllowList`). */
  allow?: AllowList;
  /** Largest body accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** Time limit for the whole exchange, redirects and body included (default 15,000 ms). */
  timeoutMs?: number;
  /** Redirects followed, each re-checked by the guard (default 5). */
  maxRedirects?: number;
  /**
   * The HTTP client. By default requests go over `node:http`/`node:https` connected to the very
   * addresses the guard checked (see `pinnedFetch`); a client given here does its own DNS
   * resolution, so it gives up that protection against DNS rebinding.
   */
  fetch?: typeof fetch;
  /** DNS resolution for the guard (default: the system resolver). */
  lookup?: LookupFunction;
  /** Cancels the exchange. */
  signal?: AbortSignal;
  /** Request headers (a browser-like `User-Agent` and `Accept` are set unless given). */
  headers?: Record<string, string>;
  /** Return non-2xx responses instead of throwing (default false). */
  acceptErrorStatus?: boolean;
}

/** A response read by {@link safeFetch}. */
export interface SafeResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** The `Content-Type` without parameters, lower case ("" when absent). */
  contentType: string;
  /** The body, at most `maxBytes`. */
  bytes: Uint8Array;
  /** Every URL visited before the final one. */
  redirects: string[];
}

const DEFAULT_HEADERS = {
  "user-agent": "Mozilla/5.0 (compatible; interleaf/0.1; +https://github.com/interleaf)",
  accept: "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.8",
};

/**
 * GETs a URL chosen by a model, safely: every hop (the first URL and each redirect target) goes
 * through `guardUrl` (http/https only, no loopback/private/link-local/metadata addresses after
 * DNS resolution, unless allow-listed), redirects are followed by hand up to `maxRedirects`, the
 * body is cut off at `maxBytes`, and the whole exchange is bounded by `timeoutMs`. The connection
 * goes to the addresses the guard checked, not to a second DNS answer (no DNS rebinding).
 *
 * Errors: `fetch_blocked` (refused by the guard), `fetch_failed` (network error, HTTP error with
 * `retryable` and `details.status`/`retryAfterMs`, body too large, too many redirects),
 * `timeout` (retryable), `aborted`.
 *
 * @example
 * ```ts
 * import { safeFetch } from "interleaf/search";
 *
 * const page = await safeFetch("https://example.com/", { maxBytes: 1_000_000, timeoutMs: 10_000 });
 * console.log(page.status, page.contentType, new TextDecoder().decode(page.bytes).length);
 * ```
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const limit = timeLimit(timeoutMs, options.signal, `fetching ${input} took longer than ${timeoutMs} ms`);
  try {
    return await fetchFollowingRedirects(input, options, limit.signal, timeoutMs);
  } finally {
    limit.clear();
  }
}

/** {@link safeFetch} within its time limit: every hop guarded, redirects followed by hand, the body read. */
async function fetchFollowingRedirects(input: string, options: SafeFetchOptions, signal: AbortSignal, timeoutMs: number): Promise<SafeResponse> {
  const maxBytes = options.maxBytes ?? 5_000_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const headers = { ...DEFAULT_HEADERS, ...lowerKeys(options.headers ?? {}) };
  const redirects: string[] = [];
  let current = input;
  for (;;) {
    const { url, addresses } = await guardUrl(current, { ...(options.allow ? { allow: options.allow } : {}), ...(options.lookup ? { lookup: options.lookup } : {}) });
    let response: Response;
    try {
      response = options.fetch ? await options.fetch(url.href, { method: "GET", headers, redirect: "manual", signal }) : await pinnedFetch(addresses)(url.href, { headers, signal });
    } catch (error) {
      throw abortErrorFor(signal, `fetching ${url.href}`, timeoutMs, error) ?? networkError(url.href, error);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (redirects.length >= maxRedirects) {
        throw new InterleafError("fetch_failed", `${input} redirected more than ${maxRedirects} times; give the final URL instead`, { details: { redirects: [...redirects, url.href] } });
      }
      redirects.push(url.href);
      current = new URL(location, url).href;
      continue;
    }
    if (!options.acceptErrorStatus && (response.status < 200 || response.status >= 300)) {
      await response.body?.cancel().catch(() => undefined);
      throw httpStatusError(response.status, { what: `fetching ${url.href}`, headers: response.headers });
    }
    let bytes: Uint8Array;
    try {
      bytes = await readLimitedBody(response, maxBytes, `the page at ${url.href}`);
    } catch (error) {
      throw abortErrorFor(signal, `reading ${url.href}`, timeoutMs, error) ?? InterleafError.from(error, "fetch_failed", `reading ${url.href}`);
    }
    const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    return { url: url.href, status: response.status, headers: response.headers, contentType, bytes, redirects };
  }
}

function networkError(url: string, error: unknown): InterleafError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
  return new InterleafError("fetch_failed", `could not connect to ${url} (${detail}); the site may be down, try again later or another source`, { cause: error, retryable: true, details: { url } });
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

import { InterleafError, isRetryableStatus, type InterleafErrorCode } from "../errors/index.js";
import { parseRetryAfter } from "./retry-after.js";

/** Options for {@link httpStatusError}. */
export interface HttpStatusErrorOptions {
  /** Error code (`fetch_failed` for pages, `search_failed` for search APIs). */
  code?: InterleafErrorCode;
  /** What was being done, for the message: "Serper search", "fetching https://…". */
  what: string;
  /** The response headers (for `Retry-After`). */
  headers?: Headers;
  /** A short excerpt of the response body, already free of secrets. */
  body?: string;
  /** The current time, for `Retry-After` dates. */
  now?: number;
}

/**
 * The error for a non-2xx HTTP response: `retryable` for 408/409/429/5xx, with
 * `details.status` and `details.retryAfterMs` (from `Retry-After`) for `withRetry`.
 *
 * @example
 * ```ts
 * import { httpStatusError } from "./http-status-error.js";
 *
 * const error = httpStatusError(429, { what: "Serper search", headers: new Headers({ "retry-after": "3" }) });
 * console.log(error.retryable, error.details.retryAfterMs); // true 3000
 * ```
 */
export function httpStatusError(status: number, options: HttpStatusErrorOptions): InterleafError {
  const retryable = isRetryableStatus(status);
  const retryAfterMs = parseRetryAfter(options.headers?.get("retry-after"), options.now);
  const hint =
    status === 401 || status === 403
      ? "check the API key or the access rights"
      : status === 404
        ? "the address does not exist; check it"
        : status === 429
          ? "the service is rate-limiting; wait and try again"
          : retryable
            ? "the service had a temporary problem; try again later"
            : "the request was refused; change it before trying again";
  const body = options.body ? ` (${options.body.slice(0, 200)})` : "";
  return new InterleafError(options.code ?? "fetch_failed", `${options.what} failed with HTTP ${status}${body}: ${hint}`, {
    retryable,
    details: { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) },
  });
}

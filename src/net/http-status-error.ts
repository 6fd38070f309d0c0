import { InterleafError } from "../errors/index.js";
import { parseRetryAfter } from "./retry-after.js";

/** Whether an HTTP status means "try again later": 408, 409, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The codes an HTTP failure is reported under: which kind of backend answered. */
export type HttpFailureCode = "model_failed" | "search_failed" | "fetch_failed";

/** Options for {@link httpStatusError}. */
export interface HttpStatusErrorOptions<C extends HttpFailureCode = HttpFailureCode> {
  /** Error code: `model_failed` for model backends, `search_failed` for search APIs, `fetch_failed` (the default) for pages. */
  code?: C;
  /** What was being done, for the message: "Serper search", "fetching https://…", "the model gpt-4o". */
  what: string;
  /** The response headers (for `Retry-After` and `retry-after-ms`). */
  headers?: Headers;
  /** A short excerpt of the response body or the provider's message, already free of secrets. */
  body?: string;
  /** The current time, for `Retry-After` dates. */
  now?: number;
  /** The error the status was read from (an SDK's exception). */
  cause?: unknown;
  /** More details for the code (`provider`, `modelId`, `url`). */
  details?: InterleafError<C>["details"];
}

/**
 * The one mapping from an HTTP status to an interleaf error, used by the model, search and page
 * backends: `retryable` for 408/409/429/5xx, `details.status`, `details.retryAfterMs` (from
 * `retry-after-ms` or `Retry-After`, read by `withRetry`), and a message that says what to do.
 *
 * @example
 * ```ts
 * import { httpStatusError } from "./http-status-error.js";
 *
 * const error = httpStatusError(429, { code: "search_failed", what: "Serper search", headers: new Headers({ "retry-after": "3" }) });
 * console.log(error.code, error.retryable, error.details.retryAfterMs); // search_failed true 3000
 * ```
 */
export function httpStatusError<C extends HttpFailureCode = "fetch_failed">(status: number, options: HttpStatusErrorOptions<C>): InterleafError<C> {
  const code = (options.code ?? "fetch_failed") as C;
  const retryAfterMs = retryAfterOf(options.headers, options.now);
  const body = options.body ? ` (${options.body.slice(0, 300)})` : "";
  const details = { ...options.details, status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } as InterleafError<C>["details"];
  return new InterleafError<C>(code, `${options.what} failed with HTTP ${status}${body}: ${statusHint(status, code)}`, {
    retryable: isRetryableStatus(status),
    details,
    ...(options.cause !== undefined ? { cause: options.cause } : {}),
  } as never);
}

/** What to do about a status, for people and models reading the message. */
function statusHint(status: number, code: HttpFailureCode): string {
  const model = code === "model_failed";
  if (status === 401 || status === 403) return model ? "check the API key and that it may use this model" : "check the API key or the access rights";
  if (status === 404) return model ? "check the base URL and the model name" : "the address does not exist; check it";
  if (status === 429) return "the service is rate limiting: wait and try again, or lower the request rate";
  if (isRetryableStatus(status)) return "the service had a temporary problem: try again later";
  if (model && (status === 400 || status === 413 || status === 422)) return "the request was refused: check the messages, images and tools sent (too large? unsupported?)";
  return "the request was refused; change it before trying again";
}

function retryAfterOf(headers: Headers | undefined, now: number | undefined): number | undefined {
  const ms = Number(headers?.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  return parseRetryAfter(headers?.get("retry-after"), now);
}

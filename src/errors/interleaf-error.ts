const MARKER = Symbol.for("interleaf.error");

/**
 * Stable error codes. A code names what went wrong, never where; messages may change between
 * versions, codes do not.
 */
export type InterleafErrorCode =
  | "invalid_argument"
  | "invalid_image"
  | "image_too_large"
  | "image_not_found"
  | "unsupported_format"
  | "tool_not_found"
  | "tool_failed"
  | "tool_input_invalid"
  | "model_failed"
  | "model_output_malformed"
  | "search_failed"
  | "fetch_blocked"
  | "fetch_failed"
  | "sandbox_unavailable"
  | "sandbox_failed"
  | "timeout"
  | "aborted"
  | "storage_failed"
  | "thread_not_found"
  | "thread_busy"
  | "checkpoint_not_found"
  | "plan_invalid"
  | "cassette_mismatch"
  | "cassette_not_found"
  | "checkpoint_mutated"
  | "config_invalid"
  | "budget_exhausted";

/** Options for {@link InterleafError}. */
export interface InterleafErrorOptions {
  /** The underlying error, kept for diagnosis. */
  cause?: unknown;
  /** Whether retrying the same operation may succeed (rate limits, 5xx, timeouts). */
  retryable?: boolean;
  /** Structured details a program can act on (status codes, zod issues, limits). */
  details?: Record<string, unknown>;
}

/**
 * The one error type interleaf throws. Check kinds with {@link InterleafError.isInstance} and
 * `code`, not `instanceof`: two installed copies of the package each have their own class.
 *
 * @example
 * ```ts
 * import { InterleafError } from "interleaf";
 *
 * try {
 *   throw new InterleafError("timeout", "search took longer than 10 s", { retryable: true });
 * } catch (error) {
 *   if (InterleafError.isInstance(error) && error.retryable) console.log("try again:", error.code);
 * }
 * ```
 */
export class InterleafError extends Error {
  private readonly [MARKER] = true;
  override readonly name: string = "InterleafError";
  /** What went wrong, stable across versions. */
  readonly code: InterleafErrorCode;
  /** Whether the same call may succeed if tried again. */
  readonly retryable: boolean;
  /** Structured details (status codes, limits, validation issues). */
  readonly details: Record<string, unknown>;

  constructor(code: InterleafErrorCode, message: string, options: InterleafErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details ?? {};
  }

  /** True for any interleaf error, whichever copy of the package created it. */
  static isInstance(value: unknown): value is InterleafError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** Wraps any thrown value; interleaf errors pass through unchanged. */
  static from(value: unknown, code: InterleafErrorCode, message?: string): InterleafError {
    if (InterleafError.isInstance(value)) return value;
    if (isAbortError(value)) return new InterleafError("aborted", message ?? "the operation was aborted", { cause: value });
    const text = value instanceof Error ? value.message : String(value);
    return new InterleafError(code, message ? `${message}: ${text}` : text, { cause: value });
  }

  /** A plain-object form for logs, checkpoints and observations (no stack, no cause chain). */
  toJSON(): { code: InterleafErrorCode; message: string; retryable: boolean; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

/** True for the errors `AbortController.abort()` produces. */
export function isAbortError(value: unknown): boolean {
  return value instanceof Error && (value.name === "AbortError" || value.name === "TimeoutError");
}

import type { CommonErrorDetails, ErrorDetails, FallbackErrorCode, InterleafErrorCode } from "./error-details.js";
import type { ErrorInfo } from "./error-info.js";

const MARKER = Symbol.for("interleaf.error");

/** Options for {@link InterleafError}; `details` is typed by the error's code. */
export interface InterleafErrorOptions<D extends object = Record<string, unknown>> {
  /** The underlying error, kept for diagnosis. */
  cause?: unknown;
  /** Whether retrying the same operation may succeed (rate limits, 5xx, timeouts). */
  retryable?: boolean;
  /** Structured details a program can act on (status codes, zod issues, limits). */
  details?: D & CommonErrorDetails;
}

/**
 * Any error the runtime throws, as a union discriminated by `code`: narrowing on `code` types
 * `details`. What `InterleafError.isInstance(value)` narrows to.
 */
export type AnyInterleafError = { [C in InterleafErrorCode]: InterleafError<C> }[InterleafErrorCode];

/**
 * The one error type interleaf throws. Check kinds with {@link InterleafError.isInstance} and
 * `code`, not `instanceof`: two installed copies of the package each have their own class.
 * `details` is typed per code ({@link ErrorDetailsByCode}): once `code` is narrowed, read
 * `details.retryAfterMs` or `details.issues` without casts.
 *
 * @example
 * ```ts
 * import { InterleafError } from "interleaf";
 *
 * try {
 *   throw new InterleafError("model_failed", "the provider is rate limiting", { retryable: true, details: { status: 429, retryAfterMs: 3000 } });
 * } catch (error) {
 *   if (InterleafError.isInstance(error, "model_failed")) console.log(error.details.status, error.details.retryAfterMs); // 429 3000
 *   if (InterleafError.isInstance(error) && error.code === "model_failed" && error.retryable) console.log("try again:", error.code);
 * }
 * ```
 */
export class InterleafError<C extends string = InterleafErrorCode, D extends object = ErrorDetails<C>> extends Error {
  private readonly [MARKER] = true;
  override readonly name: string = "InterleafError";
  /** What went wrong, stable across versions. */
  readonly code: C;
  /** Whether the same call may succeed if tried again. */
  readonly retryable: boolean;
  /** Structured details, typed by `code` (status codes, limits, validation issues). */
  readonly details: D & CommonErrorDetails;

  /** `options.details` is required when the code's details have required fields. */
  constructor(
    code: C,
    message: string,
    ...[options]: Record<never, never> extends NoInfer<D> ? [options?: InterleafErrorOptions<NoInfer<D>>] : [options: InterleafErrorOptions<NoInfer<D>> & { details: NoInfer<D> & CommonErrorDetails }]
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options?.retryable ?? false;
    this.details = (options?.details ?? {}) as D & CommonErrorDetails;
  }

  /**
   * True for any interleaf error, whichever copy of the package created it; with a `code`, only
   * for errors of that code, and `details` is typed for it. Errors of `interleaf/testing`
   * (cassettes, replay) pass too without a code; check them with `isTestingError`.
   */
  static isInstance(value: unknown): value is AnyInterleafError;
  static isInstance<K extends InterleafErrorCode>(value: unknown, code: K): value is InterleafError<K>;
  static isInstance(value: unknown, code?: string): boolean {
    if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[MARKER] !== true) return false;
    return code === undefined || (value as { code?: unknown }).code === code;
  }

  /**
   * Wraps any thrown value in `code` (with the value as `cause`); interleaf errors pass through
   * unchanged and aborts become `aborted`. Use the code of what failed (`model_failed` around a
   * model call, `storage_failed` around a database), and `internal_error` where a throw is a bug.
   */
  static from(value: unknown, code: FallbackErrorCode, message?: string): AnyInterleafError {
    if (InterleafError.isInstance(value)) return value;
    if (isAbortError(value)) return new InterleafError("aborted", message ?? "the operation was aborted", { cause: value });
    const text = value instanceof Error ? value.message : String(value);
    return new InterleafError(code, message ? `${message}: ${text}` : text, { cause: value }) as AnyInterleafError;
  }

  /**
   * The error again from its plain form (a recorded observation, a cassette entry): the code is
   * taken as recorded.
   */
  static fromJSON(info: ErrorInfo, options: { cause?: unknown } = {}): AnyInterleafError {
    const error = new InterleafError<string>(info.code, info.message, { retryable: info.retryable, details: info.details ?? {}, ...options });
    return error as unknown as AnyInterleafError;
  }

  /** The plain form logs, checkpoints, observations and run results keep (no stack, no cause chain). */
  toJSON(): ErrorInfo & { code: C; details: D & CommonErrorDetails } {
    return { code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

/** True for the errors `AbortController.abort()` produces. */
export function isAbortError(value: unknown): boolean {
  return value instanceof Error && (value.name === "AbortError" || value.name === "TimeoutError");
}

import { InterleafError } from "../errors/index.js";
import { plural } from "../util/plural.js";

/** What {@link RetryOptions.onRetry} is told before each wait. */
export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the next wait is, in ms. */
  delayMs: number;
  error: unknown;
}

/** Options for {@link withRetry}. All times in ms. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3, so at most 4 attempts). */
  retries?: number;
  /** First backoff step (default 500): attempt n waits up to `baseMs · 2^(n-1)`. */
  baseMs?: number;
  /** Cap of one backoff wait (default 8,000). */
  maxMs?: number;
  /** The longest `Retry-After` honoured (default 60,000); a longer one ends the retries at once. */
  maxRetryAfterMs?: number;
  /** Waits; injected in tests (default: a timer that honours `signal`). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Randomness for jitter, in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Stops waiting and retrying when aborted. */
  signal?: AbortSignal;
  /** Which errors are worth another attempt (default: interleaf errors marked `retryable`). */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before every wait (logging, metrics). */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Runs `fn` until it succeeds, retrying retryable failures with exponential backoff and
 * jitter (a random wait between half and all of `baseMs · 2^(n-1)`, capped at `maxMs`). When
 * the error carries `details.retryAfterMs` (from an HTTP `Retry-After`), the wait is at least
 * that long. After the last attempt the last error is thrown, with `details.attempts` added.
 *
 * @example
 * ```ts
 * import { InterleafError } from "interleaf";
 * import { withRetry } from "interleaf/search";
 *
 * let calls = 0;
 * const value = await withRetry(
 *   async () => {
 *     calls += 1;
 *     if (calls < 3) throw new InterleafError("search_failed", "busy", { retryable: true });
 *     return "ok";
 *   },
 *   { sleep: async () => {} },
 * );
 * console.log(value, calls); // ok 3
 * ```
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const baseMs = options.baseMs ?? 500;
  const maxMs = options.maxMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const shouldRetry = options.shouldRetry ?? ((error: unknown) => InterleafError.isInstance(error) && error.retryable);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const retryAfterMs = retryAfterOf(error);
      const tooLong = retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs;
      if (attempt > retries || tooLong || !shouldRetry(error, attempt)) throw withAttempts(error, attempt, tooLong ? retryAfterMs : undefined);
      const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
      const backoff = ceiling / 2 + (ceiling / 2) * random();
      const delayMs = Math.round(Math.max(backoff, retryAfterMs ?? 0));
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

function retryAfterOf(error: unknown): number | undefined {
  if (!InterleafError.isInstance(error) || !("retryAfterMs" in error.details)) return undefined;
  const value = error.details.retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function withAttempts(error: unknown, attempts: number, refusedWaitMs: number | undefined): unknown {
  if (!InterleafError.isInstance(error) || attempts === 1 && refusedWaitMs === undefined) return error;
  const note = refusedWaitMs !== undefined ? ` (the service asked to wait ${Math.round(refusedWaitMs / 1000)} s, longer than allowed)` : ` (after ${plural(attempts, "attempt")})`;
  return InterleafError.fromJSON({ code: error.code, message: `${error.message}${note}`, retryable: error.retryable, details: { ...error.details, attempts } }, { cause: error });
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal?.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

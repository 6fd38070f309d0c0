/** How a backend waits between attempts. */
export interface RetryTiming {
  /** First backoff in ms; doubles each attempt. */
  baseDelayMs: number;
  /** Longest wait, including a server's `Retry-After`. */
  maxDelayMs: number;
  /** A number in [0, 1) for jitter. */
  random: () => number;
}

/**
 * The wait before retry number `attempt` (0 for the first retry): the server's `Retry-After`
 * when it sent one, else exponential backoff with full jitter between half and all of
 * `base·2^attempt`; never above `maxDelayMs`.
 */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, timing: RetryTiming): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), timing.maxDelayMs);
  const ceiling = Math.min(timing.baseDelayMs * 2 ** attempt, timing.maxDelayMs);
  return Math.round(ceiling / 2 + (ceiling / 2) * timing.random());
}

/** A server's `retry-after-ms` or `Retry-After` (seconds or an HTTP date) in ms, if present. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

import { InterleafError } from "../errors/index.js";

/**
 * A signal that aborts when `signal` does or after `timeoutMs`, whichever comes first; the
 * reason of a timeout is a `TimeoutError` `DOMException`.
 */
export function withTimeoutSignal(signal: AbortSignal | undefined, timeoutMs: number | undefined): AbortSignal {
  const signals: AbortSignal[] = [];
  if (signal) signals.push(signal);
  if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) signals.push(AbortSignal.timeout(timeoutMs));
  if (signals.length === 0) return new AbortController().signal;
  return signals.length === 1 ? (signals[0] as AbortSignal) : AbortSignal.any(signals);
}

/**
 * Turns an error thrown while `signal` was active into the interleaf error it means: a
 * retryable `timeout` when the time limit fired, `aborted` when the caller cancelled, else
 * `undefined` (the error is something else).
 */
export function abortErrorFor(signal: AbortSignal, what: string, timeoutMs: number | undefined, cause: unknown): InterleafError | undefined {
  if (!signal.aborted) return undefined;
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === "TimeoutError") {
    return new InterleafError("timeout", `${what} took longer than ${timeoutMs ?? "the allowed"} ms and was stopped; try again, or try something smaller`, { cause, retryable: true, details: { timeoutMs } });
  }
  return new InterleafError("aborted", `${what} was cancelled`, { cause });
}

/**
 * Settles like `promise`, or rejects as soon as `signal` aborts (for work that cannot be
 * cancelled, such as SDK calls without a signal: the work is abandoned, not stopped).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
  });
}

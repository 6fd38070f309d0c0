import { InterleafError } from "../errors/index.js";

/** A time limit on one piece of work, from {@link timeLimit}. */
export interface TimeLimit {
  /** Fires when the time is up or the parent signal fires: give it to the work. */
  signal: AbortSignal;
  /** Whether the time ran out (rather than the parent signal firing). */
  expired(): boolean;
  /** Stops the timer and lets go of the parent signal; call when the work is over. */
  clear(): void;
}

// Beyond about 24.8 days a Node timer fires at once; such limits are as good as none.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Guards one piece of work (a model call, a tool call, an HTTP request) with a time limit and the
 * caller's signal.
 * The reason of a timeout is a `TimeoutError` `DOMException` saying `why`. Unlike
 * `AbortSignal.any([AbortSignal.timeout(ms), parent])`, it lets go of the parent and the timer as
 * soon as the work is over (`clear`): a long run's signal does not collect one dependant per step,
 * and a step costs one controller and a timer instead of three signals. The timer keeps the process
 * alive while the work runs, so work that never settles still ends at its limit.
 */
export function timeLimit(timeoutMs: number, parent: AbortSignal | undefined, why: string): TimeLimit {
  const controller = new AbortController();
  let timedOut = false;
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const timer =
    timeoutMs < MAX_TIMER_MS && !controller.signal.aborted
      ? setTimeout(() => {
          if (controller.signal.aborted) return;
          timedOut = true;
          controller.abort(new DOMException(why, "TimeoutError"));
        }, Math.max(0, timeoutMs))
      : undefined;
  return {
    signal: controller.signal,
    expired: () => timedOut,
    clear: () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
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
  if (signal.aborted) {
    // The work was started all the same: its failure is no one's to handle, so it must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
  });
}

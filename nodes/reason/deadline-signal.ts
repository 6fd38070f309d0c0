/** A signal that fires at a deadline or when the run's own signal does, and whether the deadline was the cause. */
export interface DeadlineSignal {
  /** Fires at the deadline or with the run's signal: give it to the work. */
  signal: AbortSignal;
  /** Fires at the deadline only. */
  timeUp: AbortSignal;
  /** Whether the deadline (not the run's signal) fired. */
  expired(): boolean;
  /** Stops the timer; call when the guarded work is over. */
  clear(): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Guards one long piece of work (a model call) with the time left of the run's wall-clock
 * budget, so `--time-limit` stops a run inside a step, not only between steps.
 */
export function deadlineSignal(remainingMs: number, runSignal?: AbortSignal): DeadlineSignal {
  const deadline = new AbortController();
  // Beyond about 24.8 days a Node timer fires at once; such budgets are as good as none.
  const timer =
    remainingMs < MAX_TIMER_MS
      ? setTimeout(() => deadline.abort(new DOMException("the run's wall-clock budget ran out", "TimeoutError")), Math.max(0, remainingMs))
      : undefined;
  const signal = runSignal ? AbortSignal.any([deadline.signal, runSignal]) : deadline.signal;
  return {
    signal,
    timeUp: deadline.signal,
    expired: () => deadline.signal.aborted && !runSignal?.aborted,
    clear: () => clearTimeout(timer),
  };
}

/**
 * How a run is going, reported after every thread: finished and failed counts, the running
 * headline score, and an estimate of the time left from this session's pace.
 */
export interface EvalProgress {
  runId: string;
  /** Threads the run will have (items × samples), when known (a `limit` or a manifest row count). */
  total: number | undefined;
  /** Finished threads (answered or stopped), including those finished by earlier sessions. */
  done: number;
  failed: number;
  /** Threads running now. */
  running: number;
  /** Mean headline score over finished, scored threads; null before the first. */
  score: number | null;
  /** Tokens used by the run's agents so far. */
  tokens: number;
  /** Estimated ms left, when the total is known and this session finished a thread. */
  etaMs: number | undefined;
}

import type { Counters, Stop } from "../state/budgets.js";
import type { ErrorInfo } from "../errors/error-info.js";
import type { TrajectoryStep } from "../state/trajectory.js";

/**
 * How a run ended:
 * - `answered`: the model answered;
 * - `stopped`: a budget or the malformed-turn limit ended it (see `stop`);
 * - `failed`: an error outside the model's reach (e.g. the model backend kept failing); the
 *   thread keeps its last checkpoint and `resume` continues it;
 * - `interrupted`: the caller aborted it; `resume` continues it.
 */
export type RunStatus = "answered" | "stopped" | "failed" | "interrupted";

/** The outcome of `Agent.run` / `Agent.resume`. */
export interface RunResult {
  threadId: string;
  status: RunStatus;
  answer: string | null;
  stop: Stop | null;
  steps: TrajectoryStep[];
  counters: Counters;
  /** The checkpoint the run ended on. */
  checkpointId: string | undefined;
  error?: ErrorInfo;
}

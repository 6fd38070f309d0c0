import type { Counters, Stop } from "../state/budgets.js";
import type { ErrorInfo } from "../errors/error-info.js";
import type { TrajectoryStep } from "../state/trajectory.js";

/**
 * How a run ended:
 * - `answered`: the model answered;
 * - `stopped`: a budget or the malformed-turn limit ended it (see `stop`);
 * - `failed`: an error outside the model's reach (e.g. the model backend kept failing); the
 *   thread keeps its last checkpoint and `resume` continues it;
 * - `interrupted`: a node called LangGraph's `interrupt()` (see `interrupts`; answer with
 *   `agent.resume(threadId, { resume: value })`), or the caller aborted it (`error.code` is
 *   `aborted`; `resume` continues it).
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
  /**
   * What the run waits for when a node called `interrupt()`: each interrupt's id, the node that
   * called it and the value it was called with. Answer with `agent.resume(threadId, { resume: value })`.
   */
  interrupts?: { id: string; node: string; value: unknown }[];
}

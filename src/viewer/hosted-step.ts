import type { TrajectoryStep } from "../state/trajectory.js";

/**
 * Whether a step's tool calls were executed by the model's server (a hosted model that runs its
 * own loop and returns the trace) rather than by interleaf: the viewer marks such steps, whose
 * observations interleaf did not run, check or time. Read loosely (`executedBy: "server"`), so
 * the viewer works with step records written before the field existed.
 */
export function isHostedStep(step: TrajectoryStep): boolean {
  return (step as unknown as { executedBy?: unknown }).executedBy === "server";
}

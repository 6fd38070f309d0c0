import type { TrajectoryStep } from "../state/trajectory.js";

/**
 * Whether a step was executed by a hosted model (on the provider's server) rather than by
 * interleaf: the viewer marks such steps. Read loosely, as the step types may carry the mark as
 * `executedBy: "server"`, `hosted: true` or `source: "hosted"`.
 */
export function isHostedStep(step: TrajectoryStep): boolean {
  const loose = step as unknown as Record<string, unknown>;
  return loose["hosted"] === true || loose["executedBy"] === "server" || loose["executedBy"] === "hosted" || loose["source"] === "hosted" || loose["source"] === "server";
}

import type { TrajectoryStep } from "../state/trajectory.js";

/**
 * How a step the graph took on its own (a fixed `toolNode`, not a model turn) is introduced to the
 * model: as context in a user message before its next turn, never as words put in its mouth.
 */
export function introduceGraphToolCalls(step: TrajectoryStep): string {
  return `Before your turn, the agent ran ${step.calls.map((call) => call.name).join(", ")} for you:\n`;
}

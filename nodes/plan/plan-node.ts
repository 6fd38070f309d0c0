import type { AgentStateUpdate, AgentStateValue } from "../../src/index.js";

/**
 * The planning step of the interleaved graph. Without a planner it leaves the state as it is
 * (R1V4's interleaved mode works without an explicit plan); the planner graphs replace it with a
 * node that writes a plan version into `plans`.
 *
 * @example
 * ```ts
 * import { planNode } from "interleaf/nodes";
 *
 * console.log(typeof planNode); // "function"
 * ```
 */
export async function planNode(_state: AgentStateValue): Promise<AgentStateUpdate> {
  return {};
}

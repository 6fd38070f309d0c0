import type { AgentStateUpdate, AgentStateValue } from "../../src/index.js";
import { planGuidance } from "../../src/planning/render-plan.js";
import { reasonNode } from "../reason/reason-node.js";
import { agentContext, type NodeRuntime } from "../runtime.js";

/**
 * The interleaved agent's model turn with the latest plan as guidance (R1V4's hybrid mode): the
 * plan, with its dependency order, is appended to the system instructions
 * (`context.instructions`), and the model stays free to deviate. Without a plan in the state it
 * is the plain `reasonNode`.
 *
 * @example
 * ```ts
 * import { interleavedGraph } from "interleaf/graphs";
 * import { createPlanNode, planGuidedReasonNode } from "interleaf/nodes";
 *
 * const graph = interleavedGraph({ plan: createPlanNode(), reason: planGuidedReasonNode });
 * ```
 */
export async function planGuidedReasonNode(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
  const plan = state.plans.at(-1);
  if (!plan || plan.steps.length === 0) return reasonNode(state, runtime);
  const context = agentContext(runtime);
  const instructions = [context.instructions, planGuidance(plan.steps)].filter(Boolean).join("\n\n");
  return reasonNode(state, { ...runtime, context: { ...context, instructions } });
}

import type { AgentStateValue } from "../state/agent-state.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { PlanExecuteStateValue } from "./plan-execute-state.js";
import { planConsistency, type PlanConsistencyReport } from "./plan-consistency.js";
import { resultsOf } from "./plan-step-result.js";

/**
 * The plan–execution consistency report of a finished thread's state: its latest plan against
 * its trajectory. For plan-and-execute runs, the resolved parameters and the call ids recorded
 * per step are used; for hybrid (guidance) runs, the calls are matched by tool and parameters.
 *
 * @example
 * ```ts
 * import { planConsistencyOf } from "interleaf";
 *
 * // const report = planConsistencyOf(await agent.state(result.threadId));
 * ```
 */
export function planConsistencyOf(state: AgentStateValue | PlanExecuteStateValue, tools?: ToolRegistry): PlanConsistencyReport {
  const plan = state.plans.at(-1);
  const results = "planResults" in state && plan ? resultsOf(state.planResults, plan.version) : new Map();
  const resolved = new Map<number, Record<string, unknown>>();
  const callIds = new Map<number, string>();
  for (const [step, result] of results) {
    if (result.tool_name === "none" || !result.callId) continue;
    resolved.set(step, result.parameters);
    callIds.set(step, result.callId);
  }
  return planConsistency(plan?.steps ?? [], state.steps, { resolved, callIds, ...(tools ? { tools } : {}) });
}

import type { AgentStateValue, ToolRegistry } from "../../src/index.js";
import { planConsistency, type PlanConsistencyReport, type PlanExecuteStateValue } from "../../src/planning/index.js";
import { resultsOf } from "../../src/planning/plan-step-result.js";

/**
 * The plan–execution consistency report of a finished thread's state: its latest plan against
 * its trajectory. For plan-and-execute runs, the resolved parameters and the call ids recorded
 * per step are used; for hybrid (guidance) runs, the calls are matched by tool and parameters.
 *
 * @example
 * ```ts
 * import { planConsistencyOf } from "interleaf/graphs";
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

import { END, Send } from "@langchain/langgraph";
import { emit } from "../../src/executor/agent-events.js";
import type { PlanExecuteStateUpdate, PlanExecuteStateValue } from "../../src/planning/index.js";
import { budgetStop } from "../budget-stop.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { addToCounters } from "../../src/state/counters.js";
import { planProgress } from "./plan-progress.js";
import type { PlanTask } from "./plan-task.js";

/**
 * The scheduler of plan-and-execute, run after planning and after every wave of steps: folds the
 * finished steps' usage into `counters` (parallel steps cannot write them) and stops the run when
 * a budget is used up while tool steps are still waiting.
 */
export async function schedulePlanNode(state: PlanExecuteStateValue, runtime: NodeRuntime): Promise<PlanExecuteStateUpdate> {
  const context = agentContext(runtime);
  const counters = addToCounters(state.counters, state.planTally);
  const update: PlanExecuteStateUpdate = { counters, planTally: "reset" };
  const progress = planProgress(state);
  if (state.stop || !progress) return update;
  const waiting = progress.ready.some((n) => progress.plan.steps[n - 1]?.tool_name !== "none");
  const stop = waiting ? budgetStop({ ...state, counters }, context.now(), context.deadline) : null;
  if (stop) {
    emit(runtime.writer, { type: "stopped", stop });
    update.stop = stop;
  }
  return update;
}

/** Where plan-and-execute goes after the scheduler: the ready steps in parallel, a replan, the verification, or the end. */
export function routePlan(options: { maxReplans: number }) {
  return function routeAfterSchedule(state: PlanExecuteStateValue): Send[] | "replan" | "verify" | typeof END {
    if (state.stop || state.answer !== null) return END;
    const progress = planProgress(state);
    if (!progress) return END;
    if (progress.failed.length > 0 && state.plans.length - 1 < options.maxReplans) return "replan";
    if (progress.ready.length > 0) {
      const base = state.steps.length;
      let next = 0;
      return progress.ready.map((step) => {
        const isTool = progress.plan.steps[step - 1]?.tool_name !== "none";
        const task: PlanTask = { version: progress.plan.version, step, trajectoryIndex: isTool ? base + next++ : base };
        return new Send("execute", { ...state, planTask: task });
      });
    }
    return "verify";
  };
}

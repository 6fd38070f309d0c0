import type { PlanStep, PlanVersion } from "../../src/index.js";
import { type PlanExecuteStateValue, type PlanStepResult } from "../../src/planning/index.js";
import { planDependencies } from "../../src/planning/plan-dependencies.js";
import { resultsOf } from "../../src/planning/plan-step-result.js";

/** Where the execution of the current plan version stands. */
export interface PlanProgress {
  plan: PlanVersion;
  /** `needs[n - 1]`: the steps step n needs. */
  needs: number[][];
  results: Map<number, PlanStepResult>;
  /** The closing reasoning step, run by the verify node (absent when the plan ends with a tool step). */
  finalStep?: number;
  /** Steps whose needs are all done and which have not run. */
  ready: number[];
  /** Steps of this version that failed or found nothing. */
  failed: PlanStepResult[];
  /** Steps that cannot run because a step they need failed. */
  blocked: number[];
}

/** The latest plan version. */
export function currentPlan(state: Pick<PlanExecuteStateValue, "plans">): PlanVersion | undefined {
  return state.plans.at(-1);
}

/** Computes what can run next in the current plan version. */
export function planProgress(state: Pick<PlanExecuteStateValue, "plans" | "planResults">): PlanProgress | undefined {
  const plan = currentPlan(state);
  if (!plan) return undefined;
  const { needs } = planDependencies(plan.steps);
  const results = resultsOf(state.planResults, plan.version);
  const last = plan.steps.length;
  const finalStep = plan.steps[last - 1]?.tool_name === "none" ? last : undefined;
  const ok = (n: number) => results.get(n)?.status === "done";
  const bad = (n: number) => {
    const status = results.get(n)?.status;
    return status === "failed" || status === "empty" || status === "skipped";
  };
  const blocked: number[] = [];
  const ready: number[] = [];
  plan.steps.forEach((_step: PlanStep, i) => {
    const n = i + 1;
    if (n === finalStep || results.has(n)) return;
    const deps = needs[i] ?? [];
    if (deps.some((d) => bad(d) || blocked.includes(d))) blocked.push(n);
    else if (deps.every(ok)) ready.push(n);
  });
  const failed = [...results.values()].filter((r) => (r.status === "failed" || r.status === "empty") && !r.carried).sort((a, b) => a.step - b.step);
  return { plan, needs, results, ...(finalStep ? { finalStep } : {}), ready, failed, blocked };
}

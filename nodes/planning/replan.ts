import { emit } from "../../src/executor/agent-events.js";
import { InterleafError } from "../../src/index.js";
import { type DoneStep, type PlanExecuteStateUpdate, type PlanExecuteStateValue, type PlanStepResult } from "../../src/planning/index.js";
import { renumberSteps } from "../../src/planning/placeholders.js";
import { resultKey } from "../../src/planning/plan-step-result.js";
import { plannerFor, type PlannerChoice } from "./plan-node.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { addToCounters } from "../../src/state/counters.js";
import { planProgress } from "./plan-progress.js";
import { plural } from "../../src/util/plural.js";

/**
 * Makes the node that revises a plan after a step failed or found nothing: the steps done are
 * kept (renumbered from 1, their results carried over), the planner writes the remaining steps
 * knowing what was found and what went wrong, and the new version is appended to `plans` with
 * the reason. If the planner cannot give a valid revision, the same steps are kept as a new
 * version (the failure stays; its dependents are skipped) so the run still reaches its answer.
 */
export function createReplanNode(options: { planner?: PlannerChoice } = {}) {
  return async function replan(state: PlanExecuteStateValue, runtime: NodeRuntime): Promise<PlanExecuteStateUpdate> {
    const context = agentContext(runtime);
    const progress = planProgress(state);
    const failed = progress?.failed[0];
    if (!progress || !failed) return {};
    const { plan, results } = progress;
    const failedStep = plan.steps[failed.step - 1];
    if (!failedStep) return {};
    const doneNumbers = plan.steps.map((_, i) => i + 1).filter((n) => results.get(n)?.status === "done" && n !== progress.finalStep);
    const renumber = new Map(doneNumbers.map((old, i) => [old, i + 1]));
    const done: DoneStep[] = doneNumbers.map((old) => ({ step: renumber.get(old) ?? old, plan: renumberSteps(plan.steps[old - 1] ?? failedStep, renumber), result: results.get(old)?.text ?? "" }));
    const problem = failed.status === "empty" ? `${failedStep.tool_name} found nothing` : failed.error?.message ?? failed.text;
    const reason = `step ${failed.step} ${failed.status === "empty" ? "found nothing" : "failed"}: ${problem}`.slice(0, 500);
    const version = plan.version + 1;
    const carried: Record<string, PlanStepResult> = {};
    for (const old of doneNumbers) {
      const result = results.get(old);
      const n = renumber.get(old);
      if (result && n) carried[resultKey(version, n)] = { ...result, version, step: n, carried: true };
    }
    const startedAt = context.now();
    try {
      const revised = await plannerFor(options.planner, context).plan({
        question: state.question,
        images: state.images,
        tools: context.tools,
        imageStore: context.images,
        sizing: context.sizing,
        replan: { done, failed: failedStep, problem },
        ...(runtime.signal ? { signal: runtime.signal } : {}),
      });
      const durationMs = Math.max(0, context.now() - startedAt);
      emit(runtime.writer, { type: "model_turn", step: state.steps.length, thought: `replanned (${reason}): ${plural(revised.steps.length - done.length, "new step")}`, usage: revised.usage, durationMs });
      return {
        plans: { version, steps: revised.steps, reason, kept: done.length, thought: revised.thought, raw: revised.raw, planner: revised.planner },
        planResults: carried,
        counters: addToCounters(state.counters, state.planTally, { modelTurns: revised.attempts, ...revised.usage, elapsedMs: durationMs }),
        planTally: "reset",
      };
    } catch (error) {
      if (!InterleafError.isInstance(error) || error.code !== "plan_invalid") throw error;
      const kept: Record<string, PlanStepResult> = {};
      for (const result of results.values()) kept[resultKey(version, result.step)] = { ...result, version, carried: result.status === "done" };
      return {
        plans: { version, steps: plan.steps, reason: `${reason}; replanning failed (${error.message.split("\n")[0]}), continuing without step ${failed.step}` },
        planResults: kept,
        counters: addToCounters(state.counters, state.planTally, { modelTurns: 2 }),
        planTally: "reset",
      };
    }
  };
}

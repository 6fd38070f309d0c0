import { emit } from "../../src/executor/agent-events.js";
import { type ModelBackend, type PlanStep, type TrajectoryStep } from "../../src/index.js";
import { resolveRequestImages } from "../../src/executor/resolve-request-images.js";
import { type PlanExecuteStateUpdate, type PlanExecuteStateValue, type PlanStepResult } from "../../src/planning/index.js";
import { readReasoning, reasoningStepMessages } from "../../src/planning/reasoning-step.js";
import { resultKey } from "../../src/planning/plan-step-result.js";
import { callModel } from "../../src/models/call-model.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { citedResults } from "./cited-results.js";
import { addToCounters } from "../../src/state/counters.js";
import { planProgress } from "./plan-progress.js";

/** The closing step used when a plan does not end with a reasoning step. */
const IMPLICIT_FINAL: PlanStep = { description: "Check the evidence gathered by the steps against the question and give the final answer.", tool_name: "none", parameters: {} };

/**
 * Makes the node that runs a plan's final verification step (its closing `none` step, or an
 * implicit one): the model sees the images, the question and every result, is told which steps
 * failed or were skipped, and answers in `<answer>…</answer>`. The turn is recorded as the
 * trajectory's answer step.
 */
export function createVerifyPlanNode(options: { resolver?: ModelBackend } = {}) {
  return async function verifyPlan(state: PlanExecuteStateValue, runtime: NodeRuntime): Promise<PlanExecuteStateUpdate> {
    const context = agentContext(runtime);
    const progress = planProgress(state);
    if (!progress) return {};
    const model = options.resolver ?? context.model;
    const { plan, results } = progress;
    const n = progress.finalStep ?? plan.steps.length + 1;
    const step = progress.finalStep ? (plan.steps[n - 1] ?? IMPLICIT_FINAL) : IMPLICIT_FINAL;
    const earlier = Array.from({ length: n - 1 }, (_, i) => i + 1);
    const missing = earlier
      .filter((k) => results.get(k)?.status !== "done")
      .map((k) => `Step ${k} (${plan.steps[k - 1]?.description ?? ""}) ${results.get(k)?.status ?? "was not run"}`);
    const index = state.steps.length;
    const startedAt = context.now();
    emit(runtime.writer, { type: "step_started", step: index });
    const request = reasoningStepMessages({ question: state.question, images: state.images, step: n, plan: step, results: citedResults(state, plan, results, earlier), final: true, missing });
    const { messages } = await resolveRequestImages(request, context.images, context.sizing);
    const response = await callModel(model, { messages, ...(runtime.signal ? { signal: runtime.signal } : {}) });
    const durationMs = Math.max(0, context.now() - startedAt);
    const reading = readReasoning(response.text);
    const answer = reading.conclusion;
    const trajectoryStep: TrajectoryStep = {
      index,
      kind: "answer",
      thought: reading.thought,
      raw: response.text,
      calls: [],
      answer,
      usage: response.usage,
      model: { id: `${model.provider}:${model.modelId}`, startedAt, durationMs },
    };
    emit(runtime.writer, { type: "model_turn", step: index, thought: reading.thought, usage: response.usage, durationMs });
    emit(runtime.writer, { type: "answer", step: index, answer });
    emit(runtime.writer, { type: "step_finished", step: index, durationMs });
    const result: PlanStepResult = { version: plan.version, step: n, status: "done", tool_name: "none", parameters: {}, text: answer, trajectoryIndex: index, usage: response.usage, startedAt, durationMs };
    return {
      steps: trajectoryStep,
      answer,
      stop: { reason: "answer", message: "the plan's verification step answered" },
      ...(progress.finalStep ? { planResults: { [resultKey(plan.version, n)]: result } } : {}),
      counters: addToCounters(state.counters, state.planTally, { modelTurns: 1, ...response.usage, elapsedMs: durationMs }),
      planTally: "reset",
    };
  };
}

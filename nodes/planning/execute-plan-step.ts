import { emit } from "../../src/executor/agent-events.js";
import { InterleafError, type ModelBackend, type TrajectoryStep } from "../../src/index.js";
import { resolveRequestImages } from "../../src/executor/resolve-request-images.js";
import { type PlanExecuteStateUpdate, type PlanExecuteStateValue, type PlanStepResult, type PlaceholderFill } from "../../src/planning/index.js";
import { fillPlaceholders } from "../../src/planning/fill-placeholders.js";
import { isEmptyObservation } from "../../src/planning/empty-observation.js";
import { placeholdersInValue } from "../../src/planning/placeholders.js";
import { readReasoning, reasoningStepMessages } from "../../src/planning/reasoning-step.js";
import { resultKey } from "../../src/planning/plan-step-result.js";
import { callModel } from "../../src/models/call-model.js";
import type { ToolCallRecord } from "../../src/index.js";
import { runGallery } from "../../src/images/run-gallery.js";
import { agentContext, threadIdOf, type NodeRuntime } from "../runtime.js";
import { runToolCall } from "../tools/run-tool-call.js";
import { citedResults } from "./cited-results.js";
import { planProgress } from "./plan-progress.js";
import type { WithPlanTask } from "./plan-task.js";

/** Options of {@link createExecutePlanStepNode}. */
export interface ExecutePlanStepOptions {
  /** The model that fills placeholders and runs reasoning steps (default the run's model). */
  resolver?: ModelBackend;
  /** Whether a call found nothing (default `isEmptyObservation`); such a step triggers a replan. */
  isEmpty?: (record: ToolCallRecord) => boolean;
}

/**
 * Makes the node that runs one plan step (sent by the scheduler, several at once when their
 * dependencies are met): fills the step's placeholders from the cited results with one model
 * call (the filled values are recorded), runs the tool through `runToolCall` (validation,
 * journal, errors as observations) and records the call as a trajectory step; a `none` step
 * before the last is a model reasoning turn. The result (`done`, `failed`, `empty`) goes to
 * `planResults` under the plan version and step.
 */
export function createExecutePlanStepNode(options: ExecutePlanStepOptions = {}) {
  return async function executePlanStep(state: WithPlanTask<PlanExecuteStateValue>, runtime: NodeRuntime): Promise<PlanExecuteStateUpdate> {
    const task = state.planTask;
    const progress = planProgress(state);
    const plan = progress?.plan;
    const step = plan?.steps[(task?.step ?? 0) - 1];
    if (!task || !progress || !plan || !step || plan.version !== task.version) {
      throw new InterleafError("config_invalid", "the execute node runs plan steps sent by the scheduler (routePlan); add it to a plan-and-execute graph");
    }
    const context = agentContext(runtime);
    const model = options.resolver ?? context.model;
    const modelId = `${model.provider}:${model.modelId}`;
    const startedAt = context.now();
    const cited = citedResults(state, plan, progress.results, progress.needs[task.step - 1] ?? []);
    const signal = runtime.signal ? { signal: runtime.signal } : {};
    const base = { version: task.version, step: task.step, tool_name: step.tool_name, startedAt };

    if (step.tool_name === "none") {
      const request = reasoningStepMessages({ question: state.question, images: state.images, step: task.step, plan: step, results: cited, final: false });
      const { messages } = await resolveRequestImages(request, context.images, context.sizing);
      const response = await callModel(model, { messages, ...signal });
      const durationMs = Math.max(0, context.now() - startedAt);
      const reading = readReasoning(response.text);
      emit(runtime.writer, { type: "model_turn", step: state.steps.length, thought: `Plan step ${task.step}: ${reading.thought || reading.conclusion}`, usage: response.usage, durationMs });
      const result: PlanStepResult = { ...base, status: "done", parameters: {}, text: reading.conclusion, usage: response.usage, durationMs };
      return { planResults: { [resultKey(task.version, task.step)]: result }, planTally: { modelTurns: 1, ...response.usage, elapsedMs: durationMs } };
    }

    let parameters = step.parameters;
    let filled: PlaceholderFill | undefined;
    const usage = { inputTokens: 0, outputTokens: 0 };
    if (placeholdersInValue(parameters).length > 0) {
      try {
        const fill = await fillPlaceholders(model, { question: state.question, step: task.step, plan: step, cited, ...signal });
        parameters = fill.parameters;
        filled = { planned: step.parameters, model: modelId, raw: fill.raw, attempts: fill.attempts };
        usage.inputTokens += fill.usage.inputTokens;
        usage.outputTokens += fill.usage.outputTokens;
      } catch (error) {
        if (!InterleafError.isInstance(error) || error.code !== "plan_invalid") throw error;
        const durationMs = Math.max(0, context.now() - startedAt);
        const result: PlanStepResult = { ...base, status: "failed", parameters: step.parameters, text: error.message, error: error.toJSON(), usage, durationMs };
        return { planResults: { [resultKey(task.version, task.step)]: result }, planTally: { modelTurns: 1 + (error.details.issues ? 1 : 0), ...usage, elapsedMs: durationMs } };
      }
    }
    const fillMs = Math.max(0, context.now() - startedAt);
    const index = task.trajectoryIndex;
    emit(runtime.writer, { type: "step_started", step: index });
    const job = { id: `plan-v${task.version}-s${task.step}`, name: step.tool_name, arguments: parameters };
    emit(runtime.writer, { type: "tool_call", step: index, callId: job.id, name: job.name, arguments: job.arguments });
    const gallery = runGallery(state);
    const { record, replayed } = await runToolCall(job, { context, gallery, question: state.question, threadId: threadIdOf(runtime), step: index, ...signal });
    const o = record.observation;
    emit(runtime.writer, { type: "observation", step: index, callId: record.id, name: record.name, text: o.text, images: o.images, ...(o.error ? { error: o.error } : {}), durationMs: record.durationMs, replayed });
    const durationMs = Math.max(0, context.now() - startedAt);
    const trajectoryStep: TrajectoryStep = {
      index,
      kind: "tool_calls",
      thought: `Plan step ${task.step}: ${step.description}`,
      raw: "",
      calls: [record],
      usage,
      model: { id: filled ? modelId : "plan", startedAt, durationMs: fillMs },
    };
    emit(runtime.writer, { type: "step_finished", step: index, durationMs });
    const status = o.error ? "failed" : (options.isEmpty ?? isEmptyObservation)(record) ? "empty" : "done";
    const result: PlanStepResult = {
      ...base,
      status,
      parameters: (record.arguments as Record<string, unknown> | undefined) ?? parameters,
      ...(filled ? { filled } : {}),
      text: o.text,
      ...(o.error ? { error: o.error } : {}),
      trajectoryIndex: index,
      callId: record.id,
      usage,
      durationMs,
    };
    return {
      steps: trajectoryStep,
      planResults: { [resultKey(task.version, task.step)]: result },
      planTally: { toolCalls: 1, modelTurns: filled ? filled.attempts : 0, ...usage, elapsedMs: durationMs },
    };
  };
}

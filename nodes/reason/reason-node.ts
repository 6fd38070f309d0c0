import { emit, resolveRequestImages, type AgentStateUpdate, type AgentStateValue, type TrajectoryStep } from "../../src/index.js";
import { budgetStop } from "../budget-check.js";
import { galleryOf } from "../gallery-of.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { addToCounters } from "../../src/state/counters.js";

/**
 * One model turn through the dialect: checks the budgets, builds the request (image bytes are
 * resolved only here), calls the model and records what it asked for.
 * - tool calls → `pending` (the tools node runs them);
 * - an answer → a final step, `answer` and `stop`;
 * - a malformed turn → a step whose `problem` the model sees next turn; after
 *   `budgets.maxMalformedTurns` in a row the run stops.
 *
 * Model failures (after the backend's own retries) propagate: the thread stays at its last
 * checkpoint and can be resumed.
 *
 * @example
 * ```ts
 * import { StateGraph, START, END } from "@langchain/langgraph";
 * import { AgentState } from "interleaf";
 * import { reasonNode } from "interleaf/nodes";
 *
 * const graph = new StateGraph(AgentState).addNode("reason", reasonNode).addEdge(START, "reason").addEdge("reason", END);
 * ```
 */
export async function reasonNode(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
  const context = agentContext(runtime);
  const startedAt = context.now();
  const stop = budgetStop(state, startedAt, context.deadline);
  if (stop) {
    emit(runtime.writer, { type: "stopped", stop });
    return { stop };
  }
  const index = state.steps.length;
  emit(runtime.writer, { type: "step_started", step: index });
  const gallery = galleryOf(state);
  const request = context.dialect.buildRequest({
    question: state.question,
    images: state.images,
    steps: state.steps,
    tools: context.tools,
    gallery,
    ...(context.instructions ? { instructions: context.instructions } : {}),
  });
  const { messages } = await resolveRequestImages(request.messages, context.images, context.sizing);
  const response = await context.model.generate({
    messages,
    ...(request.tools ? { tools: request.tools } : {}),
    ...(request.stop ? { stop: request.stop } : {}),
    ...(runtime.signal ? { signal: runtime.signal } : {}),
  });
  const durationMs = Math.max(0, context.now() - startedAt);
  const turn = context.dialect.parseTurn(response, context.tools);
  const model = { id: `${context.model.provider}:${context.model.modelId}`, startedAt, durationMs };
  const usage = response.usage;
  emit(runtime.writer, { type: "model_turn", step: index, thought: turn.thought, usage, durationMs });
  emit(runtime.writer, { type: "usage", inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  const counters = addToCounters(state.counters, { modelTurns: 1, elapsedMs: durationMs }, usage);
  const base = { index, thought: turn.thought, raw: response.text, usage, model };

  if (turn.kind === "tool_calls") {
    const requests = turn.calls.map((call, i) => ({ id: call.id || `s${index}c${i}`, name: call.name, arguments: call.arguments }));
    for (const call of requests) emit(runtime.writer, { type: "tool_call", step: index, callId: call.id, name: call.name, arguments: call.arguments });
    return { pending: { ...base, requests }, counters: { ...counters, malformedStreak: 0 } };
  }
  if (turn.kind === "answer") {
    const step: TrajectoryStep = { ...base, kind: "answer", calls: [], answer: turn.answer };
    emit(runtime.writer, { type: "answer", step: index, answer: turn.answer });
    emit(runtime.writer, { type: "step_finished", step: index, durationMs });
    return { steps: step, answer: turn.answer, stop: { reason: "answer", message: "the model answered" }, counters: { ...counters, malformedStreak: 0 } };
  }
  const step: TrajectoryStep = { ...base, kind: "malformed", calls: [], problem: turn.problem };
  emit(runtime.writer, { type: "malformed_turn", step: index, problem: turn.problem });
  emit(runtime.writer, { type: "step_finished", step: index, durationMs });
  const streak = counters.malformedStreak + 1;
  const update: AgentStateUpdate = { steps: step, counters: { ...counters, malformedStreak: streak } };
  if (streak >= state.budgets.maxMalformedTurns) {
    const stopped = { reason: "malformed_turns" as const, message: `the model produced ${streak} malformed turns in a row; last problem: ${turn.problem}` };
    emit(runtime.writer, { type: "stopped", stop: stopped });
    update.stop = stopped;
  }
  return update;
}

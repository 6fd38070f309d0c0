import { emit } from "../../src/executor/agent-events.js";
import { type AgentStateUpdate, type AgentStateValue, type ModelResponse, type ParsedTurn, type Stop, type TrajectoryStep } from "../../src/index.js";
import { callModel } from "../../src/models/call-model.js";
import { resolveRequestImages } from "../../src/executor/resolve-request-images.js";
import { raceAbort, timeLimit } from "../../src/net/abortable.js";
import { BudgetsSchema, type Budgets } from "../../src/state/budgets.js";
import { safeInertJson } from "../../src/state/inert-json.js";
import { budgetStop } from "../budget-stop.js";
import { runGallery } from "../../src/images/run-gallery.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { boundedProblem, capCalls, oversizedTurn, turnChars } from "./turn-limits.js";
import { addToCounters } from "../../src/state/counters.js";
import { serverSteps } from "./server-steps.js";

/**
 * One model turn through the dialect: checks the budgets, builds the request (image bytes are
 * resolved only here), calls the model and records what it asked for.
 * - tool calls → `pending` (the tools node runs them);
 * - an answer → a final step, `answer` and `stop`;
 * - a malformed turn → a step whose `problem` the model sees next turn; after
 *   `budgets.maxMalformedTurns` in a row the run stops.
 *
 * The limits of one turn apply here (see docs/limits.md): a request carries at most
 * `budgets.maxImagesPerRequest` images; a turn over `budgets.maxTurnChars` is refused as malformed
 * without being parsed; only the first `budgets.maxCallsPerTurn` calls of a turn are run. The model
 * call gets the time left of the run's wall-clock budget: when it runs out mid-call, the run stops
 * with reason `deadline`.
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
  const limits = withDefaultLimits(state.budgets);
  emit(runtime.writer, { type: "step_started", step: index });
  const gallery = runGallery(state);
  const request = context.dialect.buildRequest({
    question: state.question,
    images: state.images,
    steps: state.steps,
    tools: context.tools,
    gallery,
    ...(context.instructions ? { instructions: context.instructions } : {}),
  });
  const deadline = timeLimit(context.deadline - startedAt, runtime.signal, "the run's wall-clock budget ran out");
  let streamed = false;
  const onTextDelta = (text: string) => {
    streamed = true;
    emit(runtime.writer, { type: "token", step: index, text });
  };
  let response: ModelResponse;
  try {
    const { messages } = await resolveRequestImages(request.messages, context.images, context.sizing, { maxImages: limits.maxImagesPerRequest });
    // A backend that ignores its signal is abandoned at the deadline (or the run's abort) all the same.
    response = await raceAbort(
      callModel(context.model, {
        messages,
        ...(request.tools ? { tools: request.tools } : {}),
        ...(request.stop ? { stop: request.stop } : {}),
        ...(context.streamTokens ? { onTextDelta } : {}),
        ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
        ...(request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }),
        ...(request.topP === undefined ? {} : { topP: request.topP }),
        ...(request.continueFinalMessage ? { continueFinalMessage: true } : {}),
        signal: deadline.signal,
      }),
      deadline.signal,
    );
  } catch (error) {
    if (!deadline.expired()) throw error;
    const stopped: Stop = { reason: "deadline", message: `the run reached its wall-clock limit of ${Math.round(limits.maxWallClockMs / 1000)} s during a model call, without an answer` };
    emit(runtime.writer, { type: "stopped", stop: stopped });
    return { stop: stopped, counters: { ...state.counters, elapsedMs: state.counters.elapsedMs + Math.max(0, context.now() - startedAt) } };
  } finally {
    deadline.clear();
  }
  const durationMs = Math.max(0, context.now() - startedAt);
  const chars = turnChars(response);
  const oversized = chars > limits.maxTurnChars ? oversizedTurn(response, chars, limits.maxTurnChars) : undefined;
  const turn: ParsedTurn = oversized?.turn ?? storableTurn(context.dialect.parseTurn(response, context.tools));
  const model = { id: `${context.model.provider}:${context.model.modelId}`, startedAt, durationMs };
  // Turns the response already held with their results (a server-side loop's trace) come first.
  const executed = serverSteps(turn.executed ?? [], index, { id: model.id, startedAt }, runtime.writer);
  const at = index + executed.length;
  const usage = response.usage;
  // A backend that cannot stream: its whole text is the one piece.
  if (context.streamTokens && !streamed && response.text) emit(runtime.writer, { type: "token", step: index, text: response.text });
  emit(runtime.writer, { type: "model_turn", step: at, thought: turn.thought, usage, durationMs });
  emit(runtime.writer, { type: "usage", inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  const counters = addToCounters(state.counters, { modelTurns: 1, elapsedMs: durationMs }, usage);
  const base = { index: at, thought: turn.thought, raw: oversized?.raw ?? turn.raw ?? response.text, usage, model };

  if (turn.kind === "tool_calls") {
    const capped = capCalls(turn.calls, limits.maxCallsPerTurn);
    const note = [turn.note, capped.note].filter(Boolean).join(" ");
    const requests = capped.calls.map((call, i) => ({ id: call.id || `s${at}c${i}`, name: call.name, arguments: call.arguments }));
    for (const call of requests) emit(runtime.writer, { type: "tool_call", step: at, callId: call.id, name: call.name, arguments: call.arguments });
    return { ...(executed.length > 0 ? { steps: executed } : {}), pending: { ...base, requests, ...(note ? { note } : {}) }, counters: { ...counters, malformedStreak: 0 } };
  }
  if (turn.kind === "answer") {
    const step: TrajectoryStep = { ...base, kind: "answer", calls: [], answer: turn.answer };
    emit(runtime.writer, { type: "answer", step: at, answer: turn.answer });
    emit(runtime.writer, { type: "step_finished", step: at, durationMs });
    return { steps: [...executed, step], answer: turn.answer, stop: { reason: "answer", message: "the model answered" }, counters: { ...counters, malformedStreak: 0 } };
  }
  const problem = boundedProblem(turn.problem);
  const step: TrajectoryStep = { ...base, kind: "malformed", calls: [], problem };
  emit(runtime.writer, { type: "malformed_turn", step: at, problem });
  emit(runtime.writer, { type: "step_finished", step: at, durationMs });
  const streak = counters.malformedStreak + 1;
  const update: AgentStateUpdate = { steps: [...executed, step], counters: { ...counters, malformedStreak: streak } };
  if (streak >= state.budgets.maxMalformedTurns) {
    const stopped = { reason: "malformed_turns" as const, message: `the model produced ${streak} malformed turns in a row; last problem: ${problem}` };
    emit(runtime.writer, { type: "stopped", stop: stopped });
    update.stop = stopped;
  }
  return update;
}

/**
 * The turn with its call arguments made safe to checkpoint (see `inertJson`); arguments nested too
 * deep make the turn malformed, so the model is told and the thread stays readable.
 */
function storableTurn(turn: ParsedTurn): ParsedTurn {
  if (turn.kind !== "tool_calls") return turn;
  const calls = [];
  for (const call of turn.calls) {
    const args = safeInertJson(call.arguments);
    if (!args.ok) return { kind: "malformed", thought: turn.thought, problem: `the arguments of ${call.name} are invalid: ${args.problem}` };
    calls.push({ ...call, arguments: args.value });
  }
  return { ...turn, calls };
}

const completedBudgets = new WeakMap<object, Budgets>();

/**
 * The run's budgets with defaults filled in: threads started before a limit existed lack it. Worked
 * out once per budgets object (a run's budgets do not change between its turns).
 */
function withDefaultLimits(budgets: Budgets): Budgets {
  let limits = completedBudgets.get(budgets);
  if (!limits) completedBudgets.set(budgets, (limits = BudgetsSchema.parse(budgets)));
  return limits;
}

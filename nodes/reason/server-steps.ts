import type { ExecutedTurn } from "../../src/dialects/dialect.js";
import { emit } from "../../src/executor/agent-events.js";
import type { TrajectoryStep } from "../../src/index.js";
import { safeInertJson } from "../../src/state/inert-json.js";

/** The model call the server steps came from. */
interface ModelCall {
  id: string;
  startedAt: number;
}

/**
 * The turns a response already held with their results, as trajectory steps marked
 * `executedBy: "server"`, numbered from `first`. They take no time and no tokens of their own
 * (the model call's are on the step that follows them). Arguments are stored inert like any
 * call's; arguments too deep to store are replaced by a note. Emits each step's events, so a
 * watcher sees the server's calls and results as they are recorded.
 */
export function serverSteps(turns: readonly ExecutedTurn[], first: number, call: ModelCall, writer: ((chunk: unknown) => void) | undefined): TrajectoryStep[] {
  return turns.map((turn, offset) => {
    const index = first + offset;
    emit(writer, { type: "step_started", step: index });
    const calls = turn.calls.map((executed, n) => {
      const callId = `s${index}c${n}`;
      const stored = safeInertJson(executed.arguments);
      const args = stored.ok ? stored.value : `(arguments not kept: ${stored.problem})`;
      emit(writer, { type: "tool_call", step: index, callId, name: executed.name, arguments: args });
      emit(writer, { type: "observation", step: index, callId, name: executed.name, text: executed.observationText, images: [], durationMs: 0, replayed: false });
      return { id: callId, name: executed.name, arguments: args, observation: { text: executed.observationText, images: [] }, startedAt: call.startedAt, durationMs: 0 };
    });
    emit(writer, { type: "step_finished", step: index, durationMs: 0 });
    return {
      index,
      ...(turn.problem === undefined ? { kind: "tool_calls" as const } : { kind: "malformed" as const, problem: turn.problem }),
      executedBy: "server",
      thought: turn.thought,
      raw: turn.raw,
      calls,
      usage: { inputTokens: 0, outputTokens: 0 },
      model: { id: call.id, startedAt: call.startedAt, durationMs: 0 },
    } satisfies TrajectoryStep;
  });
}

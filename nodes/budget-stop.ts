import type { AgentStateValue, Stop } from "../src/index.js";
import { plural } from "../src/util/plural.js";

/** The stop a run has reached before its next model turn, if any. */
export function budgetStop(state: AgentStateValue, now: number, deadline: number): Stop | null {
  const { counters, budgets } = state;
  if (counters.toolCalls >= budgets.maxToolCalls) {
    return { reason: "max_tool_calls", message: `the run used its budget of ${plural(budgets.maxToolCalls, "tool call")} without an answer` };
  }
  if (counters.modelTurns >= budgets.maxModelTurns) {
    return { reason: "max_model_turns", message: `the run used its budget of ${plural(budgets.maxModelTurns, "model turn")} without an answer` };
  }
  if (counters.elapsedMs >= budgets.maxWallClockMs || now >= deadline) {
    return { reason: "deadline", message: `the run reached its wall-clock limit of ${Math.round(budgets.maxWallClockMs / 1000)} s without an answer` };
  }
  if (counters.malformedStreak >= budgets.maxMalformedTurns) {
    return { reason: "malformed_turns", message: `the model produced ${counters.malformedStreak} malformed turns in a row` };
  }
  return null;
}

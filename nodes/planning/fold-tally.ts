import type { Counters } from "../../src/index.js";
import type { PlanTally } from "../../src/planning/index.js";

/** Counters with a tally of finished plan steps added. */
export function foldTally(counters: Counters, tally: PlanTally, extra: Partial<PlanTally> = {}): Counters {
  return {
    ...counters,
    toolCalls: counters.toolCalls + tally.toolCalls + (extra.toolCalls ?? 0),
    modelTurns: counters.modelTurns + tally.modelTurns + (extra.modelTurns ?? 0),
    inputTokens: counters.inputTokens + tally.inputTokens + (extra.inputTokens ?? 0),
    outputTokens: counters.outputTokens + tally.outputTokens + (extra.outputTokens ?? 0),
    elapsedMs: counters.elapsedMs + tally.elapsedMs + (extra.elapsedMs ?? 0),
  };
}

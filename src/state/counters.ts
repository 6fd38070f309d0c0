import type { Counters } from "./budgets.js";

/** What a step adds to the run's totals (the malformed streak is set, not added: see {@link Counters}). */
export type CounterIncrements = Partial<Omit<Counters, "malformedStreak">>;

/**
 * The run's counters with each of `increments` added: how every node updates `counters`, so no
 * node spreads the object by hand. A plan tally or a model's `usage` (`inputTokens`,
 * `outputTokens`) can be passed as it is.
 */
export function addToCounters(counters: Counters, ...increments: CounterIncrements[]): Counters {
  const out = { ...counters };
  for (const add of increments) {
    out.toolCalls += add.toolCalls ?? 0;
    out.modelTurns += add.modelTurns ?? 0;
    out.elapsedMs += add.elapsedMs ?? 0;
    out.inputTokens += add.inputTokens ?? 0;
    out.outputTokens += add.outputTokens ?? 0;
  }
  return out;
}

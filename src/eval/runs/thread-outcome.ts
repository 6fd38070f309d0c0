import type { ErrorInfo } from "../../errors/index.js";
import type { RunResult } from "../../executor/run-result.js";
import type { EvalItem } from "../datasets/eval-item.js";
import type { EvalThreadRecord, ScoredItem } from "./eval-run-record.js";

/**
 * A thread's record after an agent run (or its failure to run): status, answer, the raw last turn
 * scorers read, usage, turns, tool calls and time. Shared by in-process sessions and queue workers.
 *
 * @internal
 */
export function withRunOutcome(record: EvalThreadRecord, outcome: { result?: RunResult; error?: ErrorInfo; aborted: boolean; startedAt: number; endedAt: number }): EvalThreadRecord {
  const { result, error, aborted, startedAt, endedAt } = outcome;
  let next: EvalThreadRecord = { ...record, latencyMs: record.latencyMs + (endedAt - startedAt), updatedAt: endedAt };
  if (result) {
    const last = result.steps.at(-1);
    next = {
      ...next,
      status: aborted && result.status !== "answered" && result.status !== "stopped" ? "interrupted" : result.status,
      answer: result.answer,
      raw: last?.raw ?? "",
      usage: { inputTokens: result.counters.inputTokens, outputTokens: result.counters.outputTokens },
      turns: result.counters.modelTurns,
      toolCalls: result.counters.toolCalls,
    };
    if (result.error) next.error = result.error;
    else delete next.error;
    return next;
  }
  return { ...next, status: aborted ? "interrupted" : "failed", ...(error ? { error } : {}) };
}

/**
 * What the scorers read of an item, kept with its thread (everything but its id and images).
 *
 * @internal
 */
export function scoredItemOf(item: EvalItem): ScoredItem {
  const { id: _id, images: _images, ...fields } = item;
  return JSON.parse(JSON.stringify(fields)) as ScoredItem;
}

import type { AgentEvent } from "../executor/agent-events.js";
import type { RunResult } from "../executor/run-result.js";
import { EXIT } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import { renderEvent } from "./render-event.js";

/** Follows a run's events (shown as progress unless `json`), prints the result, returns the exit code. */
export async function printRun(events: AsyncGenerator<AgentEvent, RunResult>, io: CliIo, json: boolean): Promise<number> {
  let next = await events.next();
  while (!next.done) {
    if (!json) io.out(renderEvent(next.value));
    next = await events.next();
  }
  const result = next.value;
  if (json) {
    io.out(`${JSON.stringify({ threadId: result.threadId, status: result.status, stopReason: result.stop?.reason ?? null, stop: result.stop, answer: result.answer, error: result.error ?? null, counters: result.counters, steps: result.steps }, null, 2)}\n`);
  } else {
    if (result.error) io.out(`\nRun ${result.status}: ${result.error.message}\nThe thread keeps its last checkpoint: interleaf resume ${result.threadId}\n`);
    io.out(`\nthread ${result.threadId} · ${result.status} · ${result.counters?.toolCalls ?? 0} tool calls · ${result.counters?.modelTurns ?? 0} model turns\n`);
  }
  return result.status === "answered" ? EXIT.ok : EXIT.noAnswer;
}

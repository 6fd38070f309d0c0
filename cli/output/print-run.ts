import type { AgentEvent } from "../../src/executor/agent-events.js";
import type { RunResult } from "../../src/executor/run-result.js";
import type { CliIo } from "../cli-io.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import { paletteFor, type Palette } from "./colour.js";
import { plural } from "../../src/util/plural.js";
import { terminalText } from "./terminal-text.js";
import { progressLine } from "./progress-line.js";
import { renderEvent } from "./render-event.js";

/** How {@link printRun} prints. */
export interface PrintRunOptions {
  /** One JSON document on stdout at the end instead of the events as they happen. */
  json: boolean;
  /** The `--db` the command was given, repeated in the `interleaf resume` hint. */
  db: string | undefined;
}

/**
 * Follows a run: its events on stdout as they happen (unless `json`), a progress line on stderr
 * while the model or a tool works (terminals only), then the result; returns the exit code. A
 * run that did not finish says, on stderr, how to resume it.
 */
export async function printRun(events: AsyncGenerator<AgentEvent, RunResult>, io: CliIo, options: PrintRunOptions): Promise<ExitCode> {
  const palette = paletteFor(io, "out");
  const progress = progressLine(io);
  const streamed = new Set<number>();
  let result: RunResult;
  try {
    for (let next = await events.next(); ; next = await events.next()) {
      progress.clear();
      if (next.done) {
        result = next.value;
        break;
      }
      if (!options.json) io.out(renderLive(next.value, palette, streamed));
      const waiting = waitingFor(next.value);
      if (waiting) progress.show(waiting);
    }
  } finally {
    progress.clear();
  }
  const resume = `interleaf resume ${result.threadId}${options.db ? ` --db ${options.db}` : ""}`;
  if (options.json) {
    io.out(`${JSON.stringify({ threadId: result.threadId, status: result.status, stopReason: result.stop?.reason ?? null, stop: result.stop, answer: result.answer, error: result.error ?? null, counters: result.counters, steps: result.steps }, null, 2)}\n`);
  } else {
    const calls = plural(result.counters?.toolCalls ?? 0, "tool call");
    const turns = plural(result.counters?.modelTurns ?? 0, "model turn");
    io.out(`\nthread ${result.threadId} · ${result.status} · ${calls} · ${turns}\n`);
  }
  const red = paletteFor(io, "err").red;
  if (result.interrupts && result.interrupts.length > 0) {
    if (!options.json) for (const pending of result.interrupts) io.err(`${pending.node} asks: ${terminalText(JSON.stringify(pending.value, null, 2) ?? "null")}\n`);
    io.err(`The run waits for an answer; give it as JSON with: ${resume} --answer '<json>'\n`);
    return EXIT.noAnswer;
  }
  if (result.status === "interrupted") {
    io.err(`${red("Interrupted.")} The thread keeps its last checkpoint; continue it with: ${resume}\n`);
    return EXIT.interrupted;
  }
  if (result.error) io.err(`${red(`Run ${result.status}:`)} ${terminalText(result.error.message)} [${result.error.code}]\nThe thread keeps its last checkpoint: ${resume}\n`);
  else if (result.status !== "answered" && !options.json) io.err(`The run ended without an answer; it can continue with: ${resume}\n`);
  return result.status === "answered" ? EXIT.ok : EXIT.noAnswer;
}

/**
 * An event as printed while the run goes; with tokens streamed, a step's text is already on screen
 * when its `model_turn` comes, so the turn only ends the line.
 */
function renderLive(event: AgentEvent, palette: Palette, streamed: Set<number>): string {
  if (event.type === "token") {
    const first = !streamed.has(event.step);
    streamed.add(event.step);
    return `${first ? "  " : ""}${renderEvent(event, palette)}`;
  }
  if (event.type === "model_turn" && streamed.has(event.step)) return "\n";
  return renderEvent(event, palette);
}

/** What the run waits for after an event, for the progress line. */
function waitingFor(event: AgentEvent): string | undefined {
  switch (event.type) {
    case "run_started":
    case "observation":
    case "malformed_turn":
      return "waiting for the model";
    case "tool_call":
      return `running ${event.name}`;
    default:
      return undefined;
  }
}

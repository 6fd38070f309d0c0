import type { AgentEvent } from "../../src/executor/agent-events.js";
import type { Palette } from "./colour.js";
import { describeImage } from "./format-image.js";
import { terminalText } from "./terminal-text.js";

/** One event as the human output shows it while a run goes (empty string: not shown). */
export function renderEvent(event: AgentEvent, palette: Palette): string {
  switch (event.type) {
    case "run_started":
      return `${event.resumed ? "Resuming" : "Starting"} thread ${event.threadId}\n`;
    case "step_started":
      return `\n${palette.dim(`[step ${event.step}]`)}\n`;
    case "model_turn":
      return event.thought ? `  think: ${oneLine(event.thought, 300)}\n` : "";
    case "malformed_turn":
      return `  ${palette.red("malformed turn:")} ${oneLine(event.problem, 200)}\n`;
    case "tool_call":
      return `  call ${palette.bold(event.name)} ${oneLine(JSON.stringify(event.arguments), 200)}\n`;
    case "observation": {
      const head = event.error
        ? `  ${palette.red("✗")} ${event.name} failed (${event.error.code}): ${oneLine(event.error.message, 200)}`
        : `  ${palette.green("✓")} ${event.name}: ${oneLine(event.text, 200)}`;
      const images = event.images.map((ref) => `\n    → ${describeImage(ref, "image")}`).join("");
      return `${head}${images}${event.replayed ? " (from journal)" : ""}\n`;
    }
    case "answer":
      return `\n${palette.bold("Answer:")} ${terminalText(event.answer)}\n`;
    case "stopped":
      return `\nStopped (${event.stop.reason}): ${terminalText(event.stop.message)}\n`;
    case "token":
      return terminalText(event.text);
    case "interrupted":
      return event.interrupts.map((pending) => `\n${palette.bold("Waiting for an answer")} (${pending.node}): ${oneLine(JSON.stringify(pending.value) ?? "null", 2000)}\n`).join("");
    case "step_finished":
    case "usage":
      return "";
  }
}

/** Collapses white space, removes terminal control sequences and cuts long text. */
export function oneLine(text: string, max: number): string {
  const flat = terminalText(text).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

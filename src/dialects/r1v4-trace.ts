import { resolvedR1V4Options } from "./r1v4-dialect.js";
import { resolveAction } from "./text-protocol/resolve-action.js";
import { parseTaggedTurn } from "./text-protocol/tagged-turn.js";
import { syntaxOf } from "./text-protocol/text-protocol-dialect.js";
import { traceSegments } from "./text-protocol/trace-segments.js";

/** A tool call of a recorded trace, with the observation text that followed it. */
export interface TraceCall {
  name: string;
  arguments: unknown;
  /** The text inside the `<observation>` that answered it; empty if the trace has none. */
  observationText: string;
}

/** One turn of a recorded trace, shaped like a trajectory step without timing and usage. */
export interface TraceStep {
  kind: "tool_calls" | "answer" | "malformed";
  thought: string;
  /** The turn's text as it appears in the trace. */
  raw: string;
  calls: TraceCall[];
  answer?: string;
  problem?: string;
}

/** A whole R1V4 trace parsed back into steps. */
export interface R1V4Trace {
  steps: TraceStep[];
  /** The final answer, when the trace has one. */
  answer?: string;
  /** Whether the trace ends with an answer. */
  complete: boolean;
  /** What is missing or wrong, when the trace is not complete. */
  problem?: string;
}

/**
 * Parses the single string the hosted Skywork API returns, the whole loop
 * (`<think>`, a tool call, `<observation>`, ..., `<answer>`), back into steps. Accepts both
 * `<tool_call>` JSON and the bare tags (`<text_search>`, `<image_search>`, `<web_content>`,
 * `<code>`); tolerant of whitespace, of unclosed tags and of a missing final answer (then
 * `complete` is false and `problem` says so). Never throws.
 *
 * @example
 * ```ts
 * import { parseR1V4Trace } from "./r1v4-trace.js";
 *
 * const trace = parseR1V4Trace(
 *   '<think>Search it.</think><text_search>Eiffel tower height</text_search><observation>[{"title": "330 m"}]</observation>' +
 *     "<think>Found.</think><answer>330 m</answer>",
 * );
 * console.log(trace.steps.length, trace.answer); // 2 "330 m"
 * ```
 */
export function parseR1V4Trace(text: string): R1V4Trace {
  const options = resolvedR1V4Options();
  const syntax = { ...syntaxOf(options), resultTag: "" };
  const steps: TraceStep[] = [];
  for (const segment of traceSegments(text, options.resultTag, options.thinkTag)) {
    const raw = segment.text.trim();
    const turn = parseTaggedTurn(raw, syntax);
    const problems: string[] = [];
    const calls: TraceCall[] = [];
    for (const action of turn.actions) {
      const resolved = resolveAction(action, options);
      if (resolved.ok) calls.push({ name: resolved.call.name, arguments: resolved.call.arguments, observationText: segment.observations[calls.length] ?? "" });
      else problems.push(resolved.problem);
    }
    if (turn.answer !== undefined && turn.actions.length === 0) {
      steps.push({ kind: "answer", thought: turn.thought, raw, calls: [], answer: turn.answer });
      continue;
    }
    if (turn.answer !== undefined) problems.push("the turn holds both an <answer> and a tool call");
    if (turn.answer === undefined && turn.actions.length === 0) problems.push(raw === "" ? "an observation with no tool call before it" : "the turn has no tool call and no <answer>");
    if (problems.length > 0) {
      steps.push({ kind: "malformed", thought: turn.thought, raw, calls, problem: problems.join("; ") });
      continue;
    }
    const step: TraceStep = { kind: "tool_calls", thought: turn.thought, raw, calls };
    if (segment.observations.length < calls.length) step.problem = "a tool call has no <observation> after it";
    steps.push(step);
  }
  const last = steps[steps.length - 1];
  if (last?.kind === "answer" && last.answer !== undefined) return { steps, answer: last.answer, complete: true };
  const problem =
    steps.length === 0
      ? "the trace is empty: no turns were found"
      : "the trace ends without an <answer>: the model stopped before answering (a length limit or a server-side error); the steps so far are kept";
  return { steps, complete: false, problem };
}

import type { ModelResponse, ParsedTurn, ToolCallRequest } from "../../src/index.js";

/** Characters kept of a turn refused for its size: enough for the model to recognise it. */
export const KEPT_CHARS_OF_OVERSIZED_TURN = 2_000;

/** Characters kept of a problem a dialect reports, so that one turn's problems cannot bloat every later request. */
export const MAX_PROBLEM_CHARS = 4_000;

/** The size of a model response in characters: its text and its tool calls' names and arguments. */
export function turnChars(response: ModelResponse): number {
  let chars = response.text.length;
  for (const call of response.toolCalls) {
    chars += call.name.length;
    if (typeof call.arguments === "string") {
      chars += call.arguments.length;
      continue;
    }
    try {
      chars += JSON.stringify(call.arguments ?? null).length;
    } catch {
      return Infinity; // arguments no JSON can hold (a cycle, nesting too deep to write) are refused with the turn
    }
  }
  return chars;
}

/** A turn over the size limit, refused: the start of its text is kept, the model is told the limit. */
export function oversizedTurn(response: ModelResponse, chars: number, limit: number): { turn: ParsedTurn; raw: string } {
  const shown = Number.isFinite(chars) ? `${chars.toLocaleString("en")} characters long` : "too large to measure";
  const problem =
    `the turn was ${shown}, over the limit of ${limit.toLocaleString("en")} characters, and was not read: ` +
    "reason briefly, then make one tool call or give the answer";
  const kept = response.text.slice(0, KEPT_CHARS_OF_OVERSIZED_TURN);
  const raw = response.text.length > kept.length ? `${kept}\n[… the rest of this turn was not kept]` : kept;
  return { turn: { kind: "malformed", thought: "", problem }, raw };
}

/** The first `max` calls of a turn, and a note for the model when some were dropped. */
export function capCalls(calls: readonly ToolCallRequest[], max: number): { calls: ToolCallRequest[]; note?: string } {
  if (calls.length <= max) return { calls: [...calls] };
  const note = `Only the first ${max} of the ${calls.length} tool calls of that turn were run: make at most ${max} tool calls per turn.`;
  return { calls: calls.slice(0, max), note };
}

/** A problem cut to {@link MAX_PROBLEM_CHARS}. */
export function boundedProblem(problem: string): string {
  if (problem.length <= MAX_PROBLEM_CHARS) return problem;
  return `${problem.slice(0, MAX_PROBLEM_CHARS)} … (${(problem.length - MAX_PROBLEM_CHARS).toLocaleString("en")} more characters of problems not shown)`;
}

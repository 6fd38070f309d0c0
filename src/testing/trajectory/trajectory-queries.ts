import type { ToolCallRecord } from "../../state/trajectory.js";
import type { TrajectoryLike } from "./trajectory-diff.js";

/** Every tool call of a trajectory, in order, with the index of its step. */
export function toolCallsOf(trajectory: TrajectoryLike): (ToolCallRecord & { step: number })[] {
  return trajectory.steps.flatMap((step) => step.calls.map((call) => ({ ...call, step: step.index })));
}

/**
 * Whether the trajectory called the tools `names` in this order (a subsequence: other calls may
 * come between), e.g. `["crop", "text_search"]`: crop, then later text_search.
 *
 * @example
 * ```ts
 * import { calledInOrder } from "interleaf/testing";
 *
 * const call = (name: string) => ({ id: name, name, arguments: {}, observation: { text: "", images: [] }, startedAt: 0, durationMs: 0 });
 * const steps = [{ index: 0, kind: "tool_calls" as const, thought: "", raw: "", calls: [call("crop"), call("zoom")], usage: { inputTokens: 0, outputTokens: 0 }, model: { id: "m", startedAt: 0, durationMs: 0 } }];
 * console.log(calledInOrder({ steps }, ["crop", "zoom"]), calledInOrder({ steps }, ["zoom", "crop"])); // true false
 * ```
 */
export function calledInOrder(trajectory: TrajectoryLike, names: readonly string[]): boolean {
  let next = 0;
  for (const call of toolCallsOf(trajectory)) if (call.name === names[next]) next++;
  return next >= names.length;
}

/** How an answer is checked: exact text (after normalising), a pattern, or a predicate. */
export type AnswerMatcher = string | RegExp | ((answer: string) => boolean);

/**
 * R1V4's answer normalisation (FVQA training reward): lowercase, punctuation and the articles
 * a/an/the removed, whitespace collapsed.
 */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\b(a|an|the)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Whether an answer matches: a string matches when the normalised answer equals it or contains it
 * as whole words (both normalised, as R1V4's reward does), a RegExp when it matches the raw
 * answer, a function when it returns true. A missing answer never matches.
 *
 * @example
 * ```ts
 * import { answerMatches } from "interleaf/testing";
 *
 * console.log(answerMatches("It is the Eiffel Tower.", "eiffel tower")); // true
 * console.log(answerMatches("42", /^\d+$/)); // true
 * ```
 */
export function answerMatches(answer: string | null | undefined, expected: AnswerMatcher): boolean {
  if (answer === null || answer === undefined) return false;
  if (typeof expected === "function") return expected(answer);
  if (expected instanceof RegExp) return expected.test(answer);
  const got = normalizeAnswer(answer);
  const want = normalizeAnswer(expected);
  return got === want || (want.length > 0 && ` ${got} `.includes(` ${want} `));
}

import { AssertionError } from "node:assert";
import { InterleafError } from "../errors/index.js";
import type { MutationGuardCheckpointer } from "./mutation-guard-checkpointer.js";
import { diffTrajectories, formatTrajectoryDiff, type TrajectoryDiffOptions, type TrajectoryLike } from "./trajectory/trajectory-diff.js";
import { answerMatches, calledInOrder, toolCallsOf, type AnswerMatcher } from "./trajectory/trajectory-queries.js";

/**
 * Asserts that the trajectory called these tools in this order, other calls allowed in
 * between: `expectToolOrder(result, ["crop", "text_search"])` passes when crop came before
 * text_search. The failure lists the calls that were made.
 *
 * @example
 * ```ts
 * import { expectToolOrder } from "interleaf/testing";
 *
 * expectToolOrder({ steps: [] }, []); // passes: nothing was required
 * ```
 */
export function expectToolOrder(trajectory: TrajectoryLike, names: readonly string[]): void {
  const made = toolCallsOf(trajectory).map((call) => `${call.name} (step ${call.step})`);
  check(calledInOrder(trajectory, names), `expected the calls ${names.join(" → ")} in this order; the trajectory made: ${made.join(", ") || "no tool calls"}`);
}

/**
 * Asserts that a tool was called, optionally with arguments matching `args` (a partial
 * object, compared like `toMatchObject`). Returns the matching calls.
 *
 * @example
 * ```ts
 * import { expectToolCalled } from "interleaf/testing";
 * import type { RunResult } from "interleaf";
 *
 * function check(result: RunResult) {
 *   expectToolCalled(result, "crop", { bbox_2d: [0, 0, 100, 100] });
 * }
 * ```
 */
export function expectToolCalled(trajectory: TrajectoryLike, name: string, args?: Record<string, unknown>): ReturnType<typeof toolCallsOf> {
  const calls = toolCallsOf(trajectory).filter((call) => call.name === name);
  const matching = args ? calls.filter((call) => matchesPartially(call.arguments, args)) : calls;
  const made = toolCallsOf(trajectory).map((call) => `${call.name}(${JSON.stringify(call.arguments)})`);
  check(matching.length > 0, `expected a ${name} call${args ? ` with ${JSON.stringify(args)}` : ""}; the trajectory made: ${made.join(", ") || "no tool calls"}`);
  return matching;
}

/**
 * Asserts that the run answered and the answer matches: a string compared after R1V4's
 * normalisation (case, punctuation, articles; containment as whole words), a RegExp, or a
 * predicate.
 *
 * @example
 * ```ts
 * import { expectAnswer } from "interleaf/testing";
 *
 * expectAnswer({ steps: [], answer: "The Eiffel Tower." }, "eiffel tower");
 * ```
 */
export function expectAnswer(trajectory: TrajectoryLike, expected: AnswerMatcher): void {
  const answer = trajectory.answer ?? null;
  const stop = trajectory.stop ? ` (stopped: ${trajectory.stop.reason}: ${trajectory.stop.message})` : "";
  check(answerMatches(answer, expected), `expected an answer matching ${String(expected)}; got ${JSON.stringify(answer)}${answer === null ? stop : ""}`);
}

/**
 * Asserts that two trajectories are the same (see `diffTrajectories`: ids, times and
 * token counts are ignored); the failure shows the formatted diff.
 *
 * @example
 * ```ts
 * import { expectSameTrajectory } from "interleaf/testing";
 *
 * expectSameTrajectory({ steps: [], answer: "a" }, { steps: [], answer: "a" });
 * ```
 */
export function expectSameTrajectory(expected: TrajectoryLike, actual: TrajectoryLike, options?: TrajectoryDiffOptions): void {
  const diff = diffTrajectories(expected, actual, options);
  check(diff.same, `the trajectories differ:\n${formatTrajectoryDiff(diff)}`);
}

/**
 * Asserts that nothing was mutated after it was checkpointed.
 *
 * @example
 * ```ts
 * import { MutationGuardCheckpointer, expectNoCheckpointMutation } from "interleaf/testing";
 *
 * expectNoCheckpointMutation(new MutationGuardCheckpointer());
 * ```
 */
export function expectNoCheckpointMutation(checkpointer: MutationGuardCheckpointer): void {
  try {
    checkpointer.verify();
  } catch (error) {
    if (!InterleafError.isInstance(error)) throw error;
    throw new AssertionError({ message: `a checkpoint was mutated after it was written: ${error.message}` });
  }
}

/** Fails with a node `AssertionError`, which every test runner reports as a failed assertion. */
function check(passed: boolean, message: string): void {
  if (!passed) throw new AssertionError({ message });
}

function matchesPartially(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object") return false;
    if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => matchesPartially(actual[i], v));
    return Object.entries(expected).every(([k, v]) => matchesPartially((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, expected);
}

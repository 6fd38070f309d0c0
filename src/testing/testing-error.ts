import { InterleafError, type InterleafErrorOptions } from "../errors/index.js";

/**
 * The `details` of the errors only `interleaf/testing` throws (cassettes, replay, the mutation
 * guard). They are `InterleafError`s, but outside the runtime's `InterleafErrorCode` union.
 */
export interface TestingErrorDetailsByCode {
  /** A replaying cassette (or a replayed thread) has no recording of a call. */
  cassette_mismatch: {
    /** The key of the unmatched call, and of the nearest recorded one. */
    key?: string;
    nearestKey?: string | null;
    /** What differs from the nearest recording: `prompt text`, `tool arguments`, `image hash`, ... */
    changed?: string[];
    /** The line diff, `- recorded` / `+ now`. */
    diff?: string;
  };
  /** A cassette or one of its image files is missing. */
  cassette_not_found: { dir?: string; path?: string };
  /** A checkpointed value was changed in place afterwards. */
  checkpoint_mutated: { what: string; path: string };
}

/** The codes of {@link TestingErrorDetailsByCode}. */
export type TestingErrorCode = keyof TestingErrorDetailsByCode;

/** An error of `interleaf/testing`, discriminated by `code` like `AnyInterleafError`. */
export type TestingError<C extends TestingErrorCode = TestingErrorCode> = { [K in C]: InterleafError<K, TestingErrorDetailsByCode[K]> }[C];

/** Creates a {@link TestingError} (an `InterleafError`, so `InterleafError.isInstance` is true for it). */
export function testingError<C extends TestingErrorCode>(code: C, message: string, options: InterleafErrorOptions<TestingErrorDetailsByCode[C]> = {}): TestingError<C> {
  return new InterleafError<C, TestingErrorDetailsByCode[C]>(code, message, options as never) as TestingError<C>;
}

const CODES: ReadonlySet<string> = new Set<TestingErrorCode>(["cassette_mismatch", "cassette_not_found", "checkpoint_mutated"]);

/**
 * True for an error of `interleaf/testing` (of `code`, when given), with `details` typed for it.
 *
 * @example
 * ```ts
 * import { isTestingError, openCassette } from "interleaf/testing";
 *
 * const error = await openCassette("no-such-cassette", { mode: "replay" }).catch((e: unknown) => e);
 * if (isTestingError(error, "cassette_not_found")) console.log(error.code, error.details.dir); // cassette_not_found no-such-cassette
 * ```
 */
export function isTestingError<C extends TestingErrorCode = TestingErrorCode>(value: unknown, code?: C): value is TestingError<C> {
  if (!InterleafError.isInstance(value)) return false;
  const actual: string = value.code;
  return code === undefined ? CODES.has(actual) : actual === code;
}

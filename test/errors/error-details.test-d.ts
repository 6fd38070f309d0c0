// Type tests (checked by `tsc --noEmit`, part of `npm test`): narrowing an error on its code types
// its details, so callers read them without casts.
import { expectTypeOf } from "vitest";
import { InterleafError, type ErrorInfo } from "interleaf";
import { httpStatusError } from "../../src/net/http-status-error.js";
import { type AnyInterleafError } from "../../src/errors/interleaf-error.js";
import { type InputIssue } from "../../src/errors/error-details.js";
import { type PlanIssue } from "interleaf";
import { isTestingError } from "../../src/testing/testing-error.js";

declare const thrown: unknown;

if (InterleafError.isInstance(thrown)) {
  expectTypeOf(thrown).toEqualTypeOf<AnyInterleafError>();
  if (thrown.code === "model_failed") {
    expectTypeOf(thrown.details.retryAfterMs).toEqualTypeOf<number | undefined>();
    expectTypeOf(thrown.details.status).toEqualTypeOf<number | undefined>();
  }
  if (thrown.code === "tool_input_invalid") expectTypeOf(thrown.details.issues).toEqualTypeOf<InputIssue[]>();
  if (thrown.code === "plan_invalid") expectTypeOf(thrown.details.issues).toEqualTypeOf<PlanIssue[]>();
  if (thrown.code === "thread_not_found") expectTypeOf(thrown.details.threadId).toEqualTypeOf<string>();
  // Every code may say how many attempts withRetry made.
  expectTypeOf(thrown.details.attempts).toEqualTypeOf<number | undefined>();
  // @ts-expect-error details of one code are not readable before narrowing
  void thrown.details.retryAfterMs;
  // @ts-expect-error test-only codes are not in the runtime union
  void (thrown.code === "cassette_mismatch");
}

if (InterleafError.isInstance(thrown, "search_failed")) {
  expectTypeOf(thrown.code).toEqualTypeOf<"search_failed">();
  expectTypeOf(thrown.details.retryAfterMs).toEqualTypeOf<number | undefined>();
}

if (isTestingError(thrown, "cassette_mismatch")) expectTypeOf(thrown.details.changed).toEqualTypeOf<string[] | undefined>();

// Constructing checks the details against the code.
new InterleafError("model_failed", "busy", { retryable: true, details: { status: 503, retryAfterMs: 1000 } });
// @ts-expect-error a code whose details have required fields needs them
new InterleafError("tool_input_invalid", "bad arguments");
// @ts-expect-error a field another code has is refused
new InterleafError("timeout", "slow", { details: { status: 504 } });

// The HTTP mapping returns the code it was asked for; toJSON is the ErrorInfo state keeps.
expectTypeOf(httpStatusError(429, { code: "model_failed", what: "the model" })).toEqualTypeOf<InterleafError<"model_failed">>();
expectTypeOf(new InterleafError("aborted", "stop").toJSON()).toExtend<ErrorInfo>();

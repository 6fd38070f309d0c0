import { describe, expect, it } from "vitest";
import { isRetryablePostgresError } from "../../src/storage/postgres-errors.js";

// Seen in CI: a worker's step failed with pg's "not queryable" during a two-second Postgres outage and
// was treated as permanent, so its job failed instead of being retried.
describe("which Postgres failures are worth retrying", () => {
  it("treats a broken connection as retryable, whatever words pg uses for it", () => {
    expect(isRetryablePostgresError(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(isRetryablePostgresError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isRetryablePostgresError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isRetryablePostgresError(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }))).toBe(false);
  });
});

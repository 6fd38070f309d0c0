import { describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { parseRetryAfter } from "../../src/net/retry-after.js";
import { withRetry } from "../../src/net/retry.js";

function flaky(failures: InterleafError[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    fn: async () => {
      const error = failures[calls++];
      if (error) throw error;
      return "done";
    },
  };
}

const busy = (details: Record<string, unknown> = {}) => new InterleafError("search_failed", "busy", { retryable: true, details });

describe("withRetry", () => {
  it("retries retryable failures with growing, jittered, capped waits", async () => {
    const waits: number[] = [];
    const run = flaky([busy(), busy(), busy(), busy()]);
    const value = await withRetry(run.fn, { retries: 4, baseMs: 100, maxMs: 500, random: () => 0.5, sleep: async (ms) => void waits.push(ms) });
    expect(value).toBe("done");
    expect(run.calls).toBe(5);
    expect(waits).toEqual([75, 150, 300, 375]);
  });

  it("keeps every wait within [ceiling/2, ceiling] whatever the randomness", async () => {
    for (const r of [0, 0.999]) {
      const waits: number[] = [];
      await withRetry(flaky([busy(), busy()]).fn, { baseMs: 200, random: () => r, sleep: async (ms) => void waits.push(ms) });
      expect(waits[0]).toBeGreaterThanOrEqual(100);
      expect(waits[0]).toBeLessThanOrEqual(200);
      expect(waits[1]).toBeGreaterThanOrEqual(200);
      expect(waits[1]).toBeLessThanOrEqual(400);
    }
  });

  it("waits at least as long as Retry-After says", async () => {
    const waits: number[] = [];
    await withRetry(flaky([busy({ retryAfterMs: 2000 })]).fn, { baseMs: 10, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([2000]);
  });

  it("gives up at once when Retry-After exceeds the limit", async () => {
    const run = flaky([busy({ retryAfterMs: 3_600_000 }), busy()]);
    const error = await withRetry(run.fn, { sleep: async () => {} }).catch((e: unknown) => e);
    expect(run.calls).toBe(1);
    expect((error as Error).message).toContain("asked to wait 3600 s");
  });

  it("does not retry final errors", async () => {
    const run = flaky([new InterleafError("search_failed", "bad request", { retryable: false })]);
    await expect(withRetry(run.fn, { sleep: async () => {} })).rejects.toThrow("bad request");
    expect(run.calls).toBe(1);
  });

  it("rethrows the last error with the number of attempts", async () => {
    const run = flaky([busy(), busy(), busy()]);
    const error = (await withRetry(run.fn, { retries: 2, sleep: async () => {} }).catch((e: unknown) => e)) as InterleafError;
    expect(run.calls).toBe(3);
    expect(error.details.attempts).toBe(3);
    expect(error.message).toContain("after 3 attempts");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

import { getEventListeners, setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { raceAbort, timeLimit } from "../../src/net/abortable.js";

describe("timeLimit", () => {
  it("fires with a TimeoutError saying why when the time is up", async () => {
    const limit = timeLimit(20, undefined, "the step took too long");
    await sleep(60);
    expect(limit.signal.aborted).toBe(true);
    expect(limit.expired()).toBe(true);
    expect((limit.signal.reason as DOMException).name).toBe("TimeoutError");
    expect((limit.signal.reason as DOMException).message).toBe("the step took too long");
  });

  it("fires with the parent's reason when the parent fires first, and that is not an expiry", async () => {
    const parent = new AbortController();
    const limit = timeLimit(30, parent.signal, "slow");
    parent.abort(new Error("cancelled by the user"));
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).message).toBe("cancelled by the user");
    await sleep(60);
    expect(limit.expired()).toBe(false);
  });

  it("is aborted from the start under a parent that already fired", () => {
    const parent = new AbortController();
    parent.abort(new Error("gone"));
    const limit = timeLimit(1_000, parent.signal, "slow");
    expect(limit.signal.aborted).toBe(true);
    expect(limit.expired()).toBe(false);
    limit.clear();
  });

  it("lets go of the parent and stops its timer when cleared", async () => {
    const parent = new AbortController();
    // 200 calls in flight at once on one signal, on purpose: no leak warning for them.
    setMaxListeners(250, parent.signal);
    const limits = Array.from({ length: 200 }, () => timeLimit(20, parent.signal, "slow"));
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(200);
    for (const limit of limits) limit.clear();
    // A run's signal does not collect one listener per step.
    expect(getEventListeners(parent.signal, "abort")).toHaveLength(0);
    await sleep(60);
    parent.abort();
    expect(limits.every((limit) => !limit.signal.aborted && !limit.expired())).toBe(true);
  });
});

describe("raceAbort", () => {
  it("under a signal that already fired, rejects at once and leaves no unhandled rejection behind", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const controller = new AbortController();
      controller.abort(new Error("cancelled"));
      const work = sleep(10).then(() => Promise.reject(new Error("the work failed later")));
      await expect(raceAbort(work, controller.signal)).rejects.toThrow("cancelled");
      await sleep(50);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

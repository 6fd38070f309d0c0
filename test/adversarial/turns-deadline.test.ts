import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGraphAgent, defineTool, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { call } from "../executor/helpers.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

/** A model call that only ends when its signal fires, as a stuck server would behave with a client that honours signals. */
function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
}

describe("the wall-clock budget holds inside a step", () => {
  it("a model call that does not return is stopped at the deadline", async () => {
    const model = scriptedModel((request) => untilAborted(request.signal));
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), budgets: { maxWallClockMs: 400 } });
    const started = Date.now();
    const result = await agent.run({ question: "?" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe("stopped");
    expect(result.stop?.reason).toBe("deadline");
    expect(result.stop?.message).toContain("during a model call");
    expect(result.counters.elapsedMs).toBeGreaterThan(0);
  }, 10_000);

  it("a backend that ignores its signal is abandoned at the deadline all the same", async () => {
    const model = scriptedModel(() => new Promise<never>(() => undefined));
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), budgets: { maxWallClockMs: 400 } });
    const started = Date.now();
    const result = await agent.run({ question: "?" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.stop?.reason).toBe("deadline");
  }, 10_000);

  it("a tool that ignores its signal is cut at the deadline, not at its own 120 s limit, and the run stops", async () => {
    const stuck = defineTool({ name: "stuck", description: "Never finishes.", input: z.object({}), execute: () => new Promise<never>(() => undefined) });
    const model = scriptedModel([call("stuck", {})]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [stuck], budgets: { maxWallClockMs: 600 } });
    const started = Date.now();
    const result = await agent.run({ question: "?", images: [photo] });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.stop?.reason).toBe("deadline");
    const error = result.steps[0]?.calls[0]?.observation.error;
    expect(error?.code).toBe("timeout");
    expect(error?.message).toMatch(/stuck did not finish within the \d+ s left of the run's time limit/);
  }, 10_000);

  it("aborting the run during a model call still interrupts it", async () => {
    const controller = new AbortController();
    const model = scriptedModel((request) => {
      setTimeout(() => controller.abort(), 50);
      return untilAborted(request.signal);
    });
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() });
    const result = await agent.run({ question: "?" }, { signal: controller.signal });
    expect(result.status).toBe("interrupted");
  }, 10_000);

  it("aborting the run during a call to a backend that ignores its signal interrupts it at once", async () => {
    const controller = new AbortController();
    const model = scriptedModel(() => {
      setTimeout(() => controller.abort(), 50);
      return new Promise<never>(() => undefined);
    });
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() });
    const started = Date.now();
    const result = await agent.run({ question: "?" }, { signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe("interrupted");
  }, 10_000);
});

// Parallel code calls share one memory budget per process: eight calls cannot hold eight sandboxes' worth of
// memory (each with its in-memory folders, which no process limit counts) at once.
import { describe, expect, it } from "vitest";
import { SandboxMemoryBudget, createLocalSandbox, sandboxFootprint } from "interleaf/sandbox";

const limits = { memoryBytes: 512 * 1024 ** 2, workBytes: 32 * 1024 ** 2, wallMs: 30_000 };

describe("the sandbox memory budget", () => {
  it("runs parallel calls only as far as their footprints fit, and every call still runs", async () => {
    const footprint = sandboxFootprint(limits);
    expect(footprint).toBe(512 * 1024 ** 2 + 3 * 32 * 1024 ** 2);
    const budget = new SandboxMemoryBudget(2 * footprint);
    const sandbox = createLocalSandbox({ limits, memoryBudget: budget });
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, budget.usedBytes)), 5);
    const code = "import time\nstart = time.time()\ntime.sleep(0.6)\nprint(start, time.time())";
    const results = await Promise.all(Array.from({ length: 5 }, () => sandbox.run({ code })));
    clearInterval(watch);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    // At no instant did more than two runs overlap.
    const spans = results.map((r) => r.stdout.trim().split(" ").map(Number) as [number, number]);
    for (const [start] of spans) expect(spans.filter(([s, e]) => s <= start && start < e).length).toBeLessThanOrEqual(2);
    expect(peak).toBeLessThanOrEqual(2 * footprint);
    expect(budget.usedBytes).toBe(0);
  });

  it("lets a waiting call be cancelled, and a call larger than the budget run alone", async () => {
    const budget = new SandboxMemoryBudget(100);
    const first = await budget.reserve(80);
    const controller = new AbortController();
    const waiting = budget.reserve(50, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "aborted" });
    first();
    const huge = await budget.reserve(500);
    expect(budget.usedBytes).toBe(500);
    huge();
    expect(budget.usedBytes).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { BudgetsSchema } from "../../src/state/budgets.js";
import { ToolRegistry, r1v4Dialect } from "interleaf";
import { parseR1V4Trace } from "../../src/dialects/r1v4-trace.js";
import { code, textSearch, zoom } from "../dialects/agent-fixtures.js";
import { hostileTurns, normalTurn } from "../support/hostile-turns.js";
import { parseTurnsInChild } from "../support/parse-turn-in-child.js";

const dialect = r1v4Dialect();
const tools = new ToolRegistry([zoom, code, textSearch]);
const shapes = Object.keys(hostileTurns);

/** The least CPU time of five parses of a turn, in ms (CPU time, unlike wall time, ignores other processes). */
function parseCpuMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = process.cpuUsage();
    dialect.parseTurn({ text, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } }, tools);
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

describe("hostile turns parse in linear time", () => {
  it.each(shapes)("%s: eight times the text takes far less than 64 times as long", (shape) => {
    const build = hostileTurns[shape] as (chars: number) => string;
    parseCpuMs(build(4_000)); // warm up the compiler
    const small = Math.max(parseCpuMs(build(4_000)), 1);
    const large = parseCpuMs(build(32_000));
    // Linear parsing gives at most 8 (less with the 1 ms floor); the quadratic parser gave 40-300.
    expect(large / small, `${shape}: ${small.toFixed(2)} ms for 4,000 characters, ${large.toFixed(2)} ms for 32,000`).toBeLessThan(24);
  });

  it("the largest turn the defaults allow, of every hostile shape, parses in a child within 5 s of CPU and 1 GB", async () => {
    const chars = BudgetsSchema.parse({}).maxTurnChars;
    const costs = await parseTurnsInChild(["normal", ...shapes], chars, 60_000);
    expect(costs.map((cost) => cost.shape)).toEqual(["normal", ...shapes]);
    for (const cost of costs) {
      expect(cost.chars, cost.shape).toBeGreaterThan(chars * 0.9);
      expect(cost.cpuMs, `${cost.shape} took ${Math.round(cost.cpuMs)} ms of CPU`).toBeLessThan(5_000);
      expect(cost.maxRssMb, `${cost.shape} peaked at ${Math.round(cost.maxRssMb)} MB`).toBeLessThan(1_024);
    }
  }, 90_000);

  it("a normal turn of the default maximum size is understood", () => {
    const turn = dialect.parseTurn({ text: normalTurn(BudgetsSchema.parse({}).maxTurnChars), toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } }, tools);
    expect(turn.kind).toBe("tool_calls");
  });
});

describe("hostile recorded traces parse in linear time", () => {
  const traces: Record<string, (chars: number) => string> = {
    observationsBeforeThink: (chars) => `${"<observation>x</observation>".repeat(Math.floor(chars / 28))}<think>`,
    observationsWithoutThink: (chars) => "<observation>a</observation>\n".repeat(Math.floor(chars / 29)),
    unclosedObservations: (chars) => "<observation>".repeat(Math.floor(chars / 13)),
  };

  it.each(Object.keys(traces))("%s: eight times the text takes far less than 64 times as long", (shape) => {
    const build = traces[shape] as (chars: number) => string;
    const cpuMs = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const started = process.cpuUsage();
        parseR1V4Trace(text);
        const used = process.cpuUsage(started);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    cpuMs(build(10_000));
    const small = Math.max(cpuMs(build(10_000)), 1);
    const large = cpuMs(build(80_000));
    expect(large / small, `${shape}: ${small.toFixed(2)} ms for 10,000 characters, ${large.toFixed(2)} ms for 80,000`).toBeLessThan(24);
  });
});

// The worst hostile model turn the defaults allow: every shape of test/support/hostile-turns.ts
// at `budgets.maxTurnChars`, each parsed in its own process (for its own peak RSS), against a
// normal turn of the same size. Target (issue 17): no hostile input above 5 s of CPU or 1 GB.
import { BudgetsSchema } from "../../src/state/budgets.js";
import { hostileTurns } from "../support/hostile-turns.js";
import { parseTurnsInChild, type TurnParseCost } from "../support/parse-turn-in-child.js";
import { measurement, type Bench } from "./measurement.js";

const TIME_LIMIT_MS = 120_000;

const bench: Bench = {
  name: "hostile turns",
  async run() {
    const chars = BudgetsSchema.parse({}).maxTurnChars;
    const [normal] = await parseTurnsInChild(["normal"], chars, TIME_LIMIT_MS);
    if (!normal) throw new Error("the normal turn was not parsed");
    const costs: TurnParseCost[] = [];
    for (const shape of Object.keys(hostileTurns)) costs.push(...(await parseTurnsInChild([shape], chars, TIME_LIMIT_MS)));
    const slowest = costs.reduce((worst, cost) => (cost.cpuMs > worst.cpuMs ? cost : worst));
    const largest = costs.reduce((worst, cost) => (cost.maxRssMb > worst.maxRssMb ? cost : worst));
    const size = `${Math.round(chars / 1024)} KB turns`;
    return {
      hostile_turn_parse_cpu_ms: measurement(slowest.cpuMs, normal.cpuMs, "ms", `${slowest.shape} vs a normal turn, ${size}; target < 5000 ms`),
      hostile_turn_peak_rss_mb: measurement(largest.maxRssMb, normal.maxRssMb, "MB", `${largest.shape} vs a normal turn, whole process, ${size}; target < 1024 MB`),
    };
  },
};

export default bench;

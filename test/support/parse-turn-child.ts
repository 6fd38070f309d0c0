// Parses model turns in a fresh process and prints what each cost, one JSON line per turn:
// `node --import tsx test/support/parse-turn-child.ts <characters> <shape|normal>...`.
// A fresh process gives the turns their own peak RSS.
// Only the dialect's own modules are loaded, to keep the child quick to start.
import { z } from "zod";
import { r1v4Dialect } from "../../src/dialects/r1v4-dialect.js";
import { defineTool } from "../../src/tools/tool.js";
import { ToolRegistry } from "../../src/tools/tool-registry.js";
import { hostileTurns, normalTurn } from "./hostile-turns.js";

const [size = "1000", ...shapes] = process.argv.slice(2);
const answer = async () => ({ text: "" });
const tools = new ToolRegistry([
  defineTool({ name: "zoom", description: "Zooms.", input: z.object({ bbox_2d: z.array(z.number()), image: z.string().optional() }), execute: answer }),
  defineTool({ name: "code", description: "Runs code.", input: z.object({ code: z.string() }), execute: answer }),
  defineTool({ name: "text_search", description: "Searches.", input: z.object({ queries: z.array(z.string()) }), execute: answer }),
]);
const dialect = r1v4Dialect();
for (const shape of shapes) {
  const build = shape === "normal" ? normalTurn : hostileTurns[shape];
  if (!build) throw new Error(`unknown turn shape ${shape}; known: normal, ${Object.keys(hostileTurns).join(", ")}`);
  const text = build(Number(size));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const turn = dialect.parseTurn({ text, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } }, tools);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cost = { shape, chars: text.length, kind: turn.kind, wallMs, cpuMs: (used.user + used.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(cost)}\n`);
}

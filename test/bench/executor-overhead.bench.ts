// Per-step executor overhead: interleaf's agent loop (dialect, journal, delta channels, events)
// against a plain LangGraph graph doing the same model-turn/tool-call work, both on SQLite.
// Measured in CPU time of this process (user + system), not wall time: the work is CPU-bound, and
// on a shared machine wall time mostly measures the other processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { z } from "zod";
import { createGraphAgent, defineTool, openStorage, r1v4Dialect, type ModelBackend } from "../../src/index.js";
import { interleavedGraph } from "../../graphs/index.js";
import { measurement, median, type Bench } from "./measurement.js";

const STEPS = 20;
const ROUNDS = 15;
const turn = (i: number) => `<think>step ${i}</think><tool_call>{"name": "note", "arguments": {"text": "n${i}"}}</tool_call>`;
const script = [...Array.from({ length: STEPS }, (_, i) => turn(i)), "<think>done</think><answer>ok</answer>"];
const note = defineTool({ name: "note", description: "Notes a text.", input: z.object({ text: z.string() }), async execute({ text }) { return { text: `noted ${text}` }; } });

/**
 * The script as a backend that, like the baseline's model node, only reads its next turn
 * (`scriptedModel` also keeps every request for a test to inspect: a test helper's work, not the
 * executor's).
 */
function scriptBackend(): ModelBackend {
  let turn = 0;
  return {
    specificationVersion: "v1",
    provider: "bench",
    modelId: "script",
    async generate() {
      return { text: script[turn++] ?? "", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
}

/**
 * Starts each measured run on a collected heap (`npm run bench` runs node with `--expose-gc`): a
 * run then pays for its own garbage, not for what the run before it left behind.
 */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function interleafRun(dir: string, round: number): Promise<number> {
  const storage = await openStorage(join(dir, `interleaf-${round}.db`));
  const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptBackend(), dialect: r1v4Dialect(), tools: [note], storage, budgets: { maxToolCalls: 50 } });
  collect();
  const started = process.cpuUsage();
  const result = await agent.run({ question: "bench" });
  const ms = cpuMs(started);
  if (result.answer !== "ok") throw new Error(`interleaf run ended ${result.status}`);
  await storage.close();
  return ms / (STEPS + 1);
}

const Plain = Annotation.Root({
  turns: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  observations: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

async function plainRun(dir: string, round: number): Promise<number> {
  const saver = SqliteSaver.fromConnString(join(dir, `plain-${round}.db`));
  const graph = new StateGraph(Plain)
    .addNode("model", async (s) => ({ turns: [script[s.turns.length] as string] }))
    .addNode("tool", async (s) => {
      const match = /"text": "([^"]+)"/.exec(s.turns.at(-1) ?? "");
      return { observations: [`noted ${match?.[1]}`] };
    })
    .addEdge(START, "model")
    .addConditionalEdges("model", (s) => ((s.turns.at(-1) ?? "").includes("<answer>") ? END : "tool"), ["tool", END])
    .addEdge("tool", "model")
    .compile({ checkpointer: saver });
  // The saver creates its tables on first use: before the clock starts, as interleaf's storage
  // has them before its run.
  await saver.getTuple({ configurable: { thread_id: "setup" } });
  collect();
  const started = process.cpuUsage();
  await graph.invoke({}, { configurable: { thread_id: "t" }, recursionLimit: 200, durability: "sync" });
  const ms = cpuMs(started);
  return ms / (STEPS + 1);
}

const bench: Bench = {
  name: "executor step overhead",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-bench-exec-"));
    try {
      await interleafRun(dir, -1);
      await plainRun(dir, -1);
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        ours.push(await interleafRun(dir, round));
        theirs.push(await plainRun(dir, round));
      }
      return {
        step_overhead_ms: measurement(median(ours), median(theirs), "ms", `CPU time per model turn + tool call, ${STEPS}-step runs on SQLite, median of ${ROUNDS}; target ratio ≤ 1.5`),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default bench;

// Eval throughput: `runEval` over a dataset against a local OpenAI-compatible server that takes
// 200 ms per model turn, at concurrency 8 against the same run at concurrency 1, in items per
// second (target ratio ≥ 6). Each run gets a fresh SQLite database, as the CLI uses.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { agentFromSpec, AgentSpecSchema } from "../../graphs/agent-spec/index.js";
import { datasetRefFor, runEval } from "../../src/eval/index.js";
import { openStorage } from "../../src/storage/open-storage.js";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { measurement, type Bench } from "./measurement.js";

const LATENCY_MS = 200;
const ITEMS = 24;

/** Items per second, and CPU ms per item of this process. */
async function itemsPerSecond(dir: string, dataset: string, baseUrl: string, concurrency: number, name = `c${concurrency}`): Promise<{ rate: number; cpuMs: number }> {
  const storage = await openStorage(join(dir, `eval-${name}.db`));
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await runEval({
      storage,
      dataset: datasetRefFor(dataset),
      agent: { mode: "general", dialect: "r1v4", model: "local:bench", baseUrl, apiKeyEnv: "none" },
      makeAgent: (spec, s) => agentFromSpec(AgentSpecSchema.parse(spec), { storage: s }),
      concurrency: { threads: concurrency },
      runId: `bench-${name}`,
    });
    if (summary.done !== ITEMS) throw new Error(`bench run finished ${summary.done} of ${ITEMS} items`);
    const used = process.cpuUsage(cpu);
    return { rate: ITEMS / ((performance.now() - started) / 1000), cpuMs: (used.user + used.system) / 1000 / ITEMS };
  } finally {
    await storage.close();
  }
}

/** The stand-in model server, in its own process (see answer-server-child.ts). */
async function modelServerProcess(latencyMs: number): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./answer-server-child.ts", import.meta.url)), String(latencyMs)], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  return {
    baseUrl: line.toString().trim(),
    async close() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

const bench: Bench = {
  name: "eval_throughput",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-bench-eval-"));
    const server = await modelServerProcess(LATENCY_MS);
    try {
      await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 90, g: 40, b: 200 } } }).png().toFile(join(dir, "image.png"));
      const dataset = join(dir, "items.jsonl");
      writeFileSync(dataset, Array.from({ length: ITEMS }, (_, i) => JSON.stringify({ question: `What is item ${i}?`, image: "image.png", answer: "42" })).join("\n"));
      await itemsPerSecond(dir, dataset, server.baseUrl, 8, "warm-up");
      const serial = await itemsPerSecond(dir, dataset, server.baseUrl, 1);
      const parallel = await itemsPerSecond(dir, dataset, server.baseUrl, 8);
      return {
        eval_items_per_s_c8: measurement(parallel.rate, serial.rate, "item/s", `${ITEMS} items, ${LATENCY_MS} ms per model turn, concurrency 8 vs 1; target ratio ≥ 6`),
        // The bound of the ratio: with c CPU ms per item on one free core, 8 threads reach about min(8, (200 + c) / c) times the serial rate.
        eval_cpu_ms_per_item: measurement(parallel.cpuMs, LATENCY_MS, "ms", `CPU of this process per item at concurrency 8 vs one model turn; a busy machine stretches it and caps the ratio above`),
      };
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

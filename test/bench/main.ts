// `npm run bench` (`-- --json` for one JSON object). Each benchmark compares interleaf with a
// baseline run in the same process, so figures are ratios that survive a noisy machine.
import type { Bench, Measurement } from "./measurement.js";

const modules = ["./checkpoint-storage.bench.js", "./executor-overhead.bench.js", "./visual-ops.bench.js", "./search.bench.js", "./sandbox.bench.js", "./planning.bench.js", "./hostile-page.bench.js", "./hostile-turn.bench.js", "./hostile-image-batch.bench.js", "./viewer-render.bench.js", "./eval-throughput.bench.js", "./token-streaming.bench.js", "./import-time.bench.js", "./workers.bench.js", "./eval-view.bench.js"];

async function main(): Promise<void> {
  const json = process.argv.includes("--json");
  const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  const results: Record<string, Measurement> = {};
  for (const path of modules) {
    let bench: Bench;
    try {
      bench = ((await import(path)) as { default: Bench }).default;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" && String(error).includes(path.slice(2, -3))) continue;
      throw error;
    }
    if (only && !bench.name.includes(only)) continue;
    if (!json) process.stdout.write(`\n## ${bench.name}\n`);
    const figures = await bench.run();
    Object.assign(results, figures);
    if (!json) {
      for (const [key, m] of Object.entries(figures)) {
        process.stdout.write(
          `${key.padEnd(28)} interleaf ${String(m.interleaf).padStart(12)} ${m.unit.padEnd(6)} baseline ${String(m.baseline).padStart(12)}  ratio ${m.ratio}${m.note ? `  (${m.note})` : ""}\n`,
        );
      }
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();

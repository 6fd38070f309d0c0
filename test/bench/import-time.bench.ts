// Cold import cost of interleaf's entry points and of the CLI's --help, each in a fresh `node`
// process, against importing @langchain/langgraph alone (what any LangGraph app pays anyway). The
// figure is the child's CPU time (user + system) when done: on a machine shared with other work it
// varies far less than wall-clock time, and loading modules is CPU-bound. Runs on the build in dist/
// (`npm run build` first).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measurement, median, type Bench, type Measurement } from "./measurement.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ROUNDS = 5;
const ENTRIES = ["interleaf", "interleaf/nodes", "interleaf/graphs", "interleaf/server"] as const;

/** Preloaded in every child: prints the process's CPU milliseconds on exit. */
const preloadFolder = mkdtempSync(join(tmpdir(), "interleaf-bench-"));
const preload = join(preloadFolder, "cpu-on-exit.cjs");
writeFileSync(preload, 'process.on("exit", () => { const c = process.cpuUsage(); process.stderr.write(`cpu-ms ${(c.user + c.system) / 1000}\\n`); });\n');

/** CPU milliseconds of a node child running `args`. */
function childCpuMs(args: string[]): number {
  const child = spawnSync(process.execPath, ["--require", preload, ...args], { cwd: root, encoding: "utf8" });
  const cpu = /cpu-ms ([\d.]+)/.exec(child.stderr)?.[1];
  if (child.status !== 0 || cpu === undefined) throw new Error(`node ${args.join(" ")} failed: ${child.stderr}`);
  return Number(cpu);
}

const importMs = (specifier: string) => childCpuMs(["--input-type=module", "-e", `await import(${JSON.stringify(specifier)});`]);
const helpMs = () => childCpuMs([join(root, "bin/interleaf.js"), "--help"]);
const emptyProcessMs = () => childCpuMs(["-e", ""]);

const bench: Bench = {
  name: "import_time",
  async run() {
    if (!existsSync(join(root, "dist/src/index.js"))) throw new Error("import_time measures the build: run `npm run build` first");
    const samples = new Map<string, number[]>();
    const add = (key: string, ms: number) => samples.set(key, [...(samples.get(key) ?? []), ms]);
    // Rounds interleave the candidates, so a busy machine slows them alike.
    for (let round = 0; round < ROUNDS; round++) {
      add("@langchain/langgraph", importMs("@langchain/langgraph"));
      for (const entry of ENTRIES) add(entry, importMs(entry));
      add("help", helpMs());
      add("empty", emptyProcessMs());
    }
    rmSync(preloadFolder, { recursive: true, force: true });
    const baseline = median(samples.get("@langchain/langgraph") ?? []);
    const out: Record<string, Measurement> = {};
    for (const entry of ENTRIES) {
      out[`import_${entry.replace("interleaf", "root").replace("root/", "")}`] = measurement(median(samples.get(entry) ?? []), baseline, "ms", `CPU of a cold import("${entry}") vs import("@langchain/langgraph")`);
    }
    out.cli_help = measurement(median(samples.get("help") ?? []), median(samples.get("empty") ?? []), "ms", "CPU of interleaf --help vs an empty node process");
    return out;
  },
};

export default bench;

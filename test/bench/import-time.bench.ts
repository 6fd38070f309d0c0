// Cold import time of interleaf's entry points and of the CLI's --help, each in a fresh `node`
// process, against importing @langchain/langgraph alone (what any LangGraph app pays anyway).
// Runs on the build in dist/ (`npm run build` first).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measurement, median, type Bench, type Measurement } from "./measurement.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const ROUNDS = 5;
const ENTRIES = ["interleaf", "interleaf/nodes", "interleaf/graphs", "interleaf/server"] as const;

/** Milliseconds from process start until `specifier` is imported, measured in the child itself. */
function importMs(specifier: string): number {
  const script = `await import(${JSON.stringify(specifier)}); console.log(performance.now());`;
  return Number(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" }).trim());
}

/** Wall-clock milliseconds of `interleaf --help`, as a user waits for it. */
function helpMs(): number {
  const started = performance.now();
  execFileSync(process.execPath, [join(root, "bin/interleaf.js"), "--help"], { cwd: root, stdio: "ignore" });
  return performance.now() - started;
}

/** Wall-clock milliseconds of a process that does nothing: the floor under `helpMs`. */
function emptyProcessMs(): number {
  const started = performance.now();
  execFileSync(process.execPath, ["-e", ""], { stdio: "ignore" });
  return performance.now() - started;
}

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
    const baseline = median(samples.get("@langchain/langgraph") ?? []);
    const out: Record<string, Measurement> = {};
    for (const entry of ENTRIES) {
      out[`import_${entry.replace("interleaf", "root").replace("root/", "")}`] = measurement(median(samples.get(entry) ?? []), baseline, "ms", `cold import("${entry}") vs import("@langchain/langgraph")`);
    }
    out.cli_help = measurement(median(samples.get("help") ?? []), median(samples.get("empty") ?? []), "ms", "interleaf --help vs an empty node process");
    return out;
  },
};

export default bench;

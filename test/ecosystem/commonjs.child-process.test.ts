// CommonJS consumers: `require("interleaf")` of the built package from a .cjs file, on Node ≥ 20.19
// (where require() loads ES modules). Every entry point loads, and an agent runs.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackage, manifest, root } from "../package/built-package.js";

const run = promisify(execFile);
let pkg: string;
let project: string;

beforeAll(async () => {
  pkg = await buildPackage();
  symlinkSync(join(root, "node_modules"), join(pkg, "node_modules"), "dir");
  project = join(dirname(pkg), "cjs-project");
  mkdirSync(join(project, "node_modules"), { recursive: true });
  symlinkSync(pkg, join(project, "node_modules/interleaf"), "dir");
}, 600_000);
afterAll(() => {
  if (pkg) rmSync(dirname(pkg), { recursive: true, force: true });
});

describe("require('interleaf') from CommonJS", () => {
  it("loads every entry point and runs an agent", async () => {
    const entries = Object.keys(manifest.exports).filter((key) => key !== "./package.json").map((key) => `interleaf${key.slice(1)}`);
    writeFileSync(
      join(project, "main.cjs"),
      `const entries = ${JSON.stringify(entries)};
const loaded = entries.map((entry) => [entry, Object.keys(require(entry)).sort()]);
const imported = Promise.all(entries.map(async (entry) => [entry, Object.keys(await import(entry)).filter((key) => key !== "module.exports").sort()]));
const { createGraphAgent, r1v4Dialect } = require("interleaf");
const { interleavedGraph } = require("interleaf/graphs");
const { scriptedModel } = require("interleaf/testing");
const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(["<think>Easy.</think><answer>4</answer>"]), dialect: r1v4Dialect() });
Promise.all([imported, agent.run({ question: "2 + 2?" })]).then(([imported, result]) => console.log(JSON.stringify({ loaded, imported, status: result.status, answer: result.answer })));
`,
    );
    const { stdout, stderr } = await run(process.execPath, [join(project, "main.cjs")], { cwd: project });
    const outcome = JSON.parse(stdout) as { loaded: [string, string[]][]; imported: [string, string[]][]; status: string; answer: string };
    // require() gives the same names as import(), for every entry point.
    expect(outcome.loaded.map(([entry]) => entry)).toEqual(entries);
    expect(outcome.loaded).toEqual(outcome.imported);
    expect(outcome.loaded.find(([entry]) => entry === "interleaf")?.[1]).toContain("createGraphAgent");
    expect(outcome).toMatchObject({ status: "answered", answer: "4" });
    // Node ≥ 22.12 loads ES modules with require() silently; 20.19 warns that the feature is experimental, and nothing else.
    expect(stderr.replace(/.*ExperimentalWarning: CommonJS module .* is loading ES Module .* using require\(\)\.\n|.*Support for loading ES Module in require\(\) is an experimental feature.*\n|\(Use `node --trace-warnings.*\n/g, "")).toBe("");
  }, 120_000);
});

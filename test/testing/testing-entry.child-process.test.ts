import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `interleaf/testing` promises to load in any test runner with nothing but the package's own
// dependencies. Checked for real: the package is built, installed into a consumer folder whose
// node_modules holds only those dependencies (no vitest, no checkpoint validation suite), and
// imported by plain `node` there.
const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { dependencies: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };
let consumer: string;

async function node(script: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  writeFileSync(join(consumer, "check.mjs"), script);
  return run(process.execPath, ["check.mjs"], { cwd: consumer }).then(
    ({ stdout, stderr }) => ({ ok: true, stdout, stderr }),
    (error: { stdout: string; stderr: string }) => ({ ok: false, stdout: error.stdout, stderr: error.stderr }),
  );
}

beforeAll(async () => {
  consumer = mkdtempSync(join(tmpdir(), "interleaf-consumer-"));
  const installed = join(consumer, "node_modules/interleaf");
  // The real build (tsc with tsconfig.build.json), without type checking: `npx tsc --noEmit` does that.
  await run(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json", "--outDir", join(installed, "dist"), "--noCheck", "--declaration", "false", "--sourceMap", "false"], { cwd: root });
  cpSync(join(root, "package.json"), join(installed, "package.json"));
  // What npm installs for a consumer: the dependencies, and the peers that are not optional (LangGraph and
  // LangChain core, which the consumer shares with interleaf).
  const optional = manifest.peerDependenciesMeta ?? {};
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => !optional[name]?.optional);
  for (const name of [...Object.keys(manifest.dependencies), ...peers]) {
    mkdirSync(dirname(join(consumer, "node_modules", name)), { recursive: true });
    symlinkSync(join(root, "node_modules", name), join(consumer, "node_modules", name), "dir");
  }
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
}, 300_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe("the built package in a project without vitest", () => {
  it("hides vitest and the checkpoint validation suite from the consumer", async () => {
    for (const name of ["vitest", "@langchain/langgraph-checkpoint-validation"]) {
      const probe = await node(`await import(${JSON.stringify(name)});`);
      expect(probe.ok, `${name} must not be importable here`).toBe(false);
      expect(probe.stderr).toContain("ERR_MODULE_NOT_FOUND");
    }
  });

  it("imports interleaf/testing and runs a scripted model, a trajectory diff and an assertion", async () => {
    const result = await node(`
      import { diffTrajectories, expectAnswer, scriptedModel } from "interleaf/testing";
      const model = scriptedModel(["<answer>42</answer>"]);
      const response = await model.generate({ messages: [] });
      let failure = "";
      try { expectAnswer({ steps: [], answer: "41" }, "42"); } catch (error) { failure = error.name + ": " + error.message; }
      console.log(JSON.stringify({ text: response.text, same: diffTrajectories({ steps: [] }, { steps: [] }).same, failure }));
    `);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ text: "<answer>42</answer>", same: true, failure: 'AssertionError: expected an answer matching 42; got "41"' });
  });

  it("imports the root entry point", async () => {
    const result = await node(`import { createGraphAgent, InterleafError } from "interleaf"; console.log(typeof createGraphAgent, typeof InterleafError);`);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("function function");
  });

  it("needs vitest for interleaf/conformance, the suites that run under it", async () => {
    const result = await node(`await import("interleaf/conformance");`);
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(/ERR_MODULE_NOT_FOUND[\s\S]*vitest|Cannot find package 'vitest'/);
  });

  it("loads interleaf/conformance with vitest alone: LangGraph's validation suite is loaded only by checkpointerConformance", async () => {
    symlinkSync(join(root, "node_modules/vitest"), join(consumer, "node_modules/vitest"), "dir");
    try {
      const result = await node(`const suites = await import("interleaf/conformance"); console.log(typeof suites.toolConformance, typeof suites.checkpointerConformance);`);
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toBe("function function");
    } finally {
      rmSync(join(consumer, "node_modules/vitest"));
    }
  });
});

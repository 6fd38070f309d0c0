// interleaf installed from its tarball into fresh projects, with @langchain/langgraph and
// @langchain/core from the registry: the lowest versions interleaf supports and the newest. Slow
// (it builds, packs and runs `npm install` four times): runs when INTERLEAF_SLOW_TESTS=1.
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifest } from "../package/built-package.js";
import { builtInterleaf, consumerProject, refusedInstall, type ConsumerOutcome } from "./consumer-project.js";

const SHARED = ["@langchain/langgraph", "@langchain/core", "@langchain/langgraph-checkpoint"] as const;
// The lowest versions of the peer ranges: DeltaValue, which the trajectory is stored with, is in @langchain/langgraph since
// 1.4.4; the SQLite and PostgreSQL savers need @langchain/langgraph-checkpoint 1.1.5 (there is no 1.1.4).
const LOWEST = { "@langchain/langgraph": "1.4.4", "@langchain/core": "1.1.48", "@langchain/langgraph-checkpoint": "1.1.5" };
const NEWEST = { "@langchain/langgraph": "latest", "@langchain/core": "latest", "@langchain/langgraph-checkpoint": "latest" };
// The app of the issue: pinned below interleaf's range.
const PINNED_OLD = { "@langchain/langgraph": "1.3.7", "@langchain/core": "1.2.18" };
const TRAJECTORY = { status: "answered", answer: "Coca-Cola", error: null, tools: [["grid"], ["zoom"], []], stateSteps: 3, historySteps: 3 };

const slow = process.env.INTERLEAF_SLOW_TESTS === "1";
let work: string;
let builtFolder: string | undefined;
let tarball: string;
let tarballWithPlainDependencies: string;

beforeAll(async () => {
  if (!slow) return;
  work = mkdtempSync(join(tmpdir(), "interleaf-skew-"));
  const built = await builtInterleaf();
  builtFolder = built.folder;
  tarball = await built.pack("interleaf-peers");
  // The manifest before this change: LangGraph and LangChain core as plain dependencies.
  tarballWithPlainDependencies = await built.pack("interleaf-plain", (edited) => {
    const dependencies = edited.dependencies as Record<string, string>;
    const peers = edited.peerDependencies as Record<string, string>;
    for (const name of SHARED) {
      dependencies[name] = (manifest as unknown as { devDependencies: Record<string, string> }).devDependencies[name] ?? "";
      delete peers[name];
    }
  });
}, 600_000);
afterAll(() => {
  for (const folder of [work, builtFolder]) if (folder) rmSync(folder, { recursive: true, force: true });
}, 120_000);

function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

async function expectOneCopyAndTrajectory(project: ConsumerOutcome): Promise<void> {
  for (const name of SHARED) expect(project.copies(name), name).toEqual([`node_modules/${name}`]);
  expect(await project.typecheck()).toBe("");
  const { stdout, stderr } = await project.runReadme();
  expect(stderr).toBe("");
  expect(JSON.parse(stdout)).toEqual(TRAJECTORY);
}

describe.skipIf(!slow)("version skew between an app and interleaf", () => {
  it("before: with plain dependencies, an app pinned to older LangGraph gets two copies, TS2769, and now a loud error instead of a trajectory silently lost", async () => {
    const project = await consumerProject(join(work, "plain"), tarballWithPlainDependencies, PINNED_OLD);
    expect(project.copies("@langchain/langgraph")).toEqual(["node_modules/@langchain/langgraph", "node_modules/interleaf/node_modules/@langchain/langgraph"]);
    expect(await project.typecheck()).toContain("error TS2769");
    const { stdout, stderr } = await project.runReadme();
    expect(stdout).toBe("");
    expect(stderr).toContain("two copies of @langchain/langgraph are loaded");
    expect(stderr).toContain(join(project.dir, "node_modules/interleaf/node_modules/@langchain/langgraph"));
    expect(stderr).toContain(join(project.dir, "node_modules/@langchain/langgraph"));
  }, 600_000);

  it("with peer dependencies, npm refuses to install interleaf beside a LangGraph below its range", async () => {
    const error = await refusedInstall(join(work, "pinned"), tarball, PINNED_OLD);
    expect(error).toContain("ERESOLVE");
    expect(error).toContain("@langchain/langgraph");
  }, 600_000);

  it("installs one copy with the lowest supported versions, type-checks, and keeps the trajectory", async () => {
    await expectOneCopyAndTrajectory(await consumerProject(join(work, "lowest"), tarball, LOWEST));
  }, 600_000);

  it("installs one copy with the newest versions, type-checks, and keeps the trajectory", async () => {
    const project = await consumerProject(join(work, "newest"), tarball, NEWEST);
    await expectOneCopyAndTrajectory(project);
    // The install footprint, reported (not a pass/fail figure: it depends on the registry's newest releases).
    console.log(`install footprint: ${(folderBytes(join(project.dir, "node_modules")) / 1e6).toFixed(0)} MB in node_modules`);
  }, 600_000);
});

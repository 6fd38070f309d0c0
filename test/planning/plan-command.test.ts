import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { runCli } from "../../cli/run-cli.js";
import { PAPER_PLAN, photo } from "./helpers.js";

async function cli(turns: string[], args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), "interleaf-plan-"));
  await writeFile(join(dir, "turns.json"), JSON.stringify(turns));
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd: dir, tty: { out: false, err: false } };
  const code = await runCli(["plan", photo, "How tall is this tower?", "--script", "turns.json", ...args], io);
  return { code, out: out.join(""), err: err.join("") };
}

describe("interleaf plan", () => {
  it("prints the validated plan with its dependency graph", async () => {
    const { code, out } = await cli([`<think>Identify first.</think><plan>${JSON.stringify(PAPER_PLAN)}</plan>`], []);
    expect(code).toBe(0);
    expect(out).toContain('Plan for "How tall is this tower?" (5 steps, planner scripted:');
    expect(out).toContain("Reasoning: Identify first.");
    expect(out).toContain('Step 2: text_search {"queries":["[Landmark identified in Step 1] height"]}  (needs Step 1)');
    expect(out).toContain("1 → [2, 3] → 4 → 5");
  });

  it("prints JSON after a repair round", async () => {
    const bad = '[{"description": "x", "tool_name": "code", "parameters": {}}]';
    const { code, out } = await cli([bad, JSON.stringify(PAPER_PLAN)], ["--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { attempts: number; steps: unknown[]; dependencies: Record<string, number[]>; waves: number[][] };
    expect(json.attempts).toBe(2);
    expect(json.steps).toHaveLength(5);
    expect(json.dependencies).toEqual({ "1": [], "2": [1], "3": [1], "4": [2], "5": [2, 3, 4] });
    expect(json.waves).toEqual([[1], [2, 3], [4], [5]]);
  });

  it("fails with exit 1 and the issues when no valid plan comes", async () => {
    const cyclic = JSON.stringify([
      { description: "a", tool_name: "text_search", parameters: { query: "[X from Step 2]" } },
      { description: "b", tool_name: "text_search", parameters: { query: "[Y from Step 1]" } },
    ]);
    const { code, err } = await cli([cyclic, cyclic], []);
    expect(code).toBe(1);
    expect(err).toContain("Step 1: is part of a cycle (Step 1 → Step 2 → Step 1)");
    const usage: string[] = [];
    expect(await runCli(["plan"], { out: () => {}, err: (t) => void usage.push(t), env: {}, cwd: "/", tty: { out: false, err: false } })).toBe(2);
    expect(usage.join("")).toContain("missing required argument 'image'");
  });
});

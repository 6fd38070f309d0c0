import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { answer, photo, zoom } from "./data-fixtures.js";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("interleaf data", () => {
  let dir: string;
  const db = () => join(dir, "runs.db");
  const run = async (thread: string, turns: string[]) => {
    writeFileSync(join(dir, `${thread}.json`), JSON.stringify(turns));
    const t = io(dir);
    expect(await runCli(["run", photo, "How many bottles?", "--script", `${thread}.json`, "--thread", thread, "--db", db()], t.cli), t.err()).not.toBe(EXIT.usage);
  };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "interleaf-data-cli-"));
    await run("good", [zoom([100, 300, 400, 700]), answer("3", "The crop shows three bottles.")]);
    await run("broken", [zoom([5000, 5000, 6000, 6000]), answer("3")]);
    await run("wrong", [zoom([0, 0, 300, 300]), answer("7", "Seven, I think.")]);
    writeFileSync(join(dir, "labels.jsonl"), ["good", "broken", "wrong"].map((thread) => JSON.stringify({ thread, gold: "3", benchmark: "demo" })).join("\n"));
  });

  it("filter: says what each filter dropped, with a scripted judge for the answers", async () => {
    writeFileSync(join(dir, "judge.json"), JSON.stringify(["Verdict: yes", "Verdict: no"]));
    const t = io(dir);
    const code = await runCli(["data", "filter", "--all", "--db", db(), "--labels", "labels.jsonl", "--filters", "format,tool-errors,answer", "--judge-script", "judge.json", "--json"], t.cli);
    expect(code, t.err()).toBe(EXIT.ok);
    const report = JSON.parse(t.out());
    expect(report.kept).toBe(1);
    expect(report.summary.map((line: { filter: string; dropped: number }) => [line.filter, line.dropped])).toEqual([["format", 0], ["tool-errors", 1], ["answer", 1]]);
    expect(report.trajectories.filter((t: { passed: boolean }) => t.passed).map((t: { threadId: string }) => t.threadId)).toEqual(["good"]);
  });

  it("filter: the answer filter with a scorer ported from upstream (MMSearch-R1's exact match on the raw reply)", async () => {
    const t = io(dir);
    const code = await runCli(["data", "filter", "--all", "--db", db(), "--labels", "labels.jsonl", "--filters", "answer", "--scorer", "mmsearch-r1.fvqa.exact", "--json"], t.cli);
    expect(code, t.err()).toBe(EXIT.ok);
    const report = JSON.parse(t.out());
    expect(report.trajectories.filter((t: { passed: boolean }) => t.passed).map((t: { threadId: string }) => t.threadId)).toEqual(["broken", "good"]);
    expect(report.summary[0].examples[0]).toEqual({ threadId: "wrong", reason: "mmsearch-r1.fvqa.exact scores the answer false" });
  });

  it("export: filters, then writes a valid ms-swift dataset of what passed, with its card", async () => {
    const t = io(dir);
    const code = await runCli(["data", "export", "--all", "--db", db(), "--format", "ms-swift", "--out", "sft", "--filters", "format,tool-errors"], t.cli);
    expect(code, t.err()).toBe(EXIT.ok);
    expect(t.out()).toContain("wrote 2 ms-swift lines");
    const lines = readFileSync(join(dir, "sft", "data.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(["good", "wrong"]);
    expect(readFileSync(join(dir, "sft", "data.jsonl"), "utf8")).not.toContain(dir);
    expect(JSON.parse(readFileSync(join(dir, "sft", "dataset-card.json"), "utf8")).filters.map((f: { filter: string; dropped: number }) => [f.filter, f.dropped])).toEqual([["format", 0], ["tool-errors", 1]]);
  });

  it("refuses unknown filters, a judge filter with no judge, and an unknown thread", async () => {
    let t = io(dir);
    expect(await runCli(["data", "filter", "good", "--db", db(), "--filters", "vibes"], t.cli)).toBe(EXIT.usage);
    expect(t.err()).toContain('unknown filter "vibes"');
    t = io(dir);
    expect(await runCli(["data", "filter", "good", "--db", db(), "--filters", "answer"], t.cli)).toBe(EXIT.usage);
    expect(t.err()).toContain("need a judge");
    t = io(dir);
    expect(await runCli(["data", "export", "nope", "--db", db(), "--format", "raw", "--out", "x"], t.cli)).toBe(EXIT.threadNotFound);
  });

  it("names the labels file and its line when the file is missing or a line is not a label", async () => {
    let t = io(dir);
    expect(await runCli(["data", "filter", "--all", "--db", db(), "--labels", "missing.jsonl", "--filters", "format"], t.cli)).toBe(EXIT.failed);
    expect(t.err()).toContain("missing.jsonl");
    writeFileSync(join(dir, "bad.jsonl"), [JSON.stringify({ thread: "good", gold: "3" }), "", "{not json"].join("\n"));
    t = io(dir);
    expect(await runCli(["data", "filter", "--all", "--db", db(), "--labels", "bad.jsonl", "--filters", "format"], t.cli)).toBe(EXIT.failed);
    expect(t.err()).toMatch(/bad\.jsonl line 3 is not JSON/);
    writeFileSync(join(dir, "nothread.jsonl"), JSON.stringify({ gold: "3" }));
    t = io(dir);
    expect(await runCli(["data", "filter", "--all", "--db", db(), "--labels", "nothread.jsonl", "--filters", "format"], t.cli)).toBe(EXIT.failed);
    expect(t.err()).toMatch(/nothread\.jsonl: line 1 has no "thread"/);
  });

  it("refuses a labels file that is not JSON lines at all (20 MB without a newline) in bounded time", async () => {
    writeFileSync(join(dir, "blob.jsonl"), Buffer.alloc(20_000_000, 0x41));
    const t = io(dir);
    const started = Date.now();
    expect(await runCli(["data", "filter", "--all", "--db", db(), "--labels", "blob.jsonl", "--filters", "format"], t.cli)).toBe(EXIT.failed);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(t.err()).toMatch(/blob\.jsonl line 1 is not JSON/);
  });
});

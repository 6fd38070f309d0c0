import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";

const fixtures = fileURLToPath(new URL("../../fixtures/scorers/", import.meta.url));

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("interleaf eval scorers / eval score", () => {
  it("lists every scorer with its upstream source as JSON", async () => {
    const t = io(fixtures);
    expect(await runCli(["eval", "scorers", "--json"], t.cli)).toBe(EXIT.ok);
    const listed = JSON.parse(t.out()) as { id: string; kind: string; benchmark: string; source: Record<string, string> }[];
    expect(listed.length).toBeGreaterThanOrEqual(28);
    expect(listed.find((scorer) => scorer.id === "mme-realworld.official")).toEqual({
      id: "mme-realworld.official",
      kind: "rule",
      benchmark: "mme-realworld",
      source: { repo: "yfzhang114/MME-RealWorld", commit: "87096fcf6a67ee5a0016b81cb1746ccf14e1dd68", path: "evaluation/eval_your_results.py", function: "extract_characters_regex" },
    });
    const human = io(fixtures);
    expect(await runCli(["eval", "scorers"], human.cli)).toBe(EXIT.ok);
    expect(human.out()).toContain("lmms-eval.vstar");
  });

  it("scores a cases file exactly as the upstream capture (ids as written, scores as upstream types)", async () => {
    const expected = readFileSync(join(fixtures, "expected.jsonl"), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { scorer: string; id: string; score: unknown; extracted: unknown });
    for (const scorerId of ["lmms-eval.mme-realworld", "mmsearch.f1"]) {
      const t = io(fixtures);
      const file = scorerId === "mmsearch.f1" ? "freeform.jsonl" : "mcq.jsonl";
      expect(await runCli(["eval", "score", "--scorer", scorerId, "--cases", file, "--json"], t.cli)).toBe(EXIT.ok);
      const want = expected.filter((row) => row.scorer === scorerId).map(({ id, score, extracted }) => ({ id, score, extracted }));
      expect(JSON.parse(t.out())).toEqual(want);
    }
  });

  it("prints a short table without --json, with control characters from the prediction removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-score-"));
    writeFileSync(join(dir, "c.jsonl"), `${JSON.stringify({ id: 7, prediction: "<answer>B\u001b[2J</answer>", gold: "B" })}\n\n${JSON.stringify({ id: "b", prediction: "none", gold: "A" })}\n`);
    const t = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "r1v4.answer", "--cases", "c.jsonl"], t.cli)).toBe(EXIT.ok);
    expect(t.out()).toContain('7   1        "B"');
    expect(t.out()).not.toContain("\u001b");
    expect(t.out()).toContain("2 cases scored with r1v4.answer; mean score 0.5000");
    const json = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "r1v4.answer", "--cases", "c.jsonl", "--json"], json.cli)).toBe(EXIT.ok);
    expect(JSON.parse(json.out())).toEqual([
      { id: 7, score: 1, extracted: "B\u001b[2J" },
      { id: "b", score: 0, extracted: "" },
    ]);
  });

  it("reads the layouts benchmarks store (a byte-order mark, CRLF lines): a null prediction, boxes as a string, choices from options", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-score-"));
    const lines = [
      { id: "n", prediction: null, gold: "A", choices: ["(A) x", "(B) y"] },
      { id: "s", prediction: "<think><box>[0,0,10,10]</box></think><answer>A</answer>", gold: "A", target_instances: "[[0, 0, 10, 20]]" },
      { id: "o", prediction: "y", gold: "B", options: { A: "x", B: "y" } },
    ];
    writeFileSync(join(dir, "c.jsonl"), `\ufeff${lines.map((line) => JSON.stringify(line)).join("\r\n")}`);
    const official = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "mme-realworld.official", "--cases", "c.jsonl", "--json"], official.cli)).toBe(EXIT.ok);
    expect(JSON.parse(official.out())).toEqual([
      { id: "n", score: true, extracted: "A" },
      { id: "s", score: true, extracted: "A" },
      { id: "o", score: true, extracted: "B" },
    ]);
    const iou = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "treevgr.treebench.iou", "--cases", "c.jsonl", "--json"], iou.cli)).toBe(EXIT.ok);
    expect(JSON.parse(iou.out())[1]).toEqual({ id: "s", score: 0.5, extracted: null });
  });

  it("names the line of a malformed case, and the close ids of an unknown scorer, as usage errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-score-"));
    writeFileSync(join(dir, "bad.jsonl"), `${JSON.stringify({ id: "1", prediction: "A", gold: "A" })}\n{"id": "2", "prediction": \n`);
    writeFileSync(join(dir, "shape.jsonl"), `${JSON.stringify({ id: "1", prediction: "A", gold: "A" })}\n\n${JSON.stringify({ id: "3", prediction: 5, gold: "A" })}\n`);
    writeFileSync(join(dir, "nogold.jsonl"), `${JSON.stringify({ id: "1", prediction: "A" })}\n`);
    const bad = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "lmms-eval.vstar", "--cases", "bad.jsonl", "--json"], bad.cli)).toBe(EXIT.usage);
    expect(bad.err()).toContain("bad.jsonl line 2: not JSON");
    expect(bad.out()).toBe("");
    const shape = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "lmms-eval.vstar", "--cases", "shape.jsonl"], shape.cli)).toBe(EXIT.usage);
    expect(shape.err()).toContain("shape.jsonl line 3: not a score case (prediction:");
    const noGold = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "lmms-eval.vstar", "--cases", "nogold.jsonl"], noGold.cli)).toBe(EXIT.usage);
    expect(noGold.err()).toContain("nogold.jsonl line 1: case 1: gold must be a string");
    const unknown = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "vstar", "--cases", "bad.jsonl"], unknown.cli)).toBe(EXIT.usage);
    expect(unknown.err()).toMatch(/no scorer "vstar"; did you mean vlmevalkit\.vstar, lmms-eval\.vstar\?/);
    const missing = io(dir);
    expect(await runCli(["eval", "score", "--scorer", "lmms-eval.vstar", "--cases", "nope.jsonl"], missing.cli)).toBe(EXIT.usage);
    expect(missing.err()).toContain("cannot read --cases nope.jsonl: ENOENT");
  });
});

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { getScorer, listScorers, type ScoreCase } from "interleaf/eval";

// The expected outputs were captured by running the upstream Python functions on these cases
// (test/fixtures/scorers/PROVENANCE.md); every built-in scorer with an upstream capture must agree on every case.

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/scorers/${name}`, import.meta.url));
const readJsonl = <T>(name: string): T[] =>
  readFileSync(fixture(name), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);

interface Expected {
  scorer: string;
  id: string;
  score: number | boolean;
  extracted: string | null;
  judgeFailed?: boolean;
  iou?: number | boolean;
}

const cases = new Map<string, ScoreCase>();
for (const file of ["mcq.jsonl", "freeform.jsonl", "judge.jsonl"]) for (const scoreCase of readJsonl<ScoreCase>(file)) cases.set(scoreCase.id, scoreCase);
const expected = readJsonl<Expected>("expected.jsonl");
const byScorer = new Map<string, Expected[]>();
for (const row of expected) byScorer.set(row.scorer, [...(byScorer.get(row.scorer) ?? []), row]);

describe("scorers agree with the upstream Python functions on the captured cases", () => {
  it("captures every scorer that has an upstream function to run (the corrected ids have none)", () => {
    const faithful = listScorers()
      .map((scorer) => scorer.id)
      .filter((id) => !id.endsWith(":corrected"));
    expect([...byScorer.keys()].sort()).toEqual(faithful.sort());
    expect(expected.length).toBeGreaterThan(3000);
  });

  for (const [scorerId, rows] of byScorer) {
    it(`${scorerId} reproduces all ${rows.length} captured outputs`, () => {
      const scorer = getScorer(scorerId);
      const mismatches: string[] = [];
      for (const row of rows) {
        const scoreCase = cases.get(row.id);
        if (!scoreCase) throw new Error(`no case ${row.id}`);
        const outcome = scorer.score(scoreCase);
        const got: Record<string, unknown> = { score: outcome.score, extracted: outcome.extracted };
        const want: Record<string, unknown> = { score: row.score, extracted: row.extracted };
        if (row.judgeFailed !== undefined || outcome.judgeFailed !== undefined) {
          got.judgeFailed = outcome.judgeFailed ?? false;
          want.judgeFailed = row.judgeFailed ?? false;
        }
        if (row.iou !== undefined) {
          got.iou = outcome.details?.iou;
          want.iou = row.iou;
        }
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${row.id} ${JSON.stringify(scoreCase.prediction ?? "")} / ${JSON.stringify(scoreCase.judge_output ?? "")}: got ${JSON.stringify(got)}, upstream ${JSON.stringify(want)}`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});

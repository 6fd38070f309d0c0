// From an eval run to a filtered SFT set (issue 15's path): the run's finished threads and the ground
// truths it recorded feed the data engine; the answer filter scores with a scorer ported from upstream.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { datasetRefFor, runEval } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { answerTurn, FVQA, FVQA_GOLD, makeAgentWith, questionModel } from "../eval/runs/eval-test-kit.js";

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

describe("interleaf data export --run", () => {
  it("exports the threads of an eval run whose answers its gold accepts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-data-run-"));
    const db = join(dir, "eval.db");
    const storage = await openStorage(db);
    // Right for four rows, wrong for the hospital one.
    const { model } = questionModel((question) => answerTurn(question.includes("commissioned") ? "Napoleon" : (FVQA_GOLD[question] ?? "")));
    const summary = await runEval({ storage, dataset: datasetRefFor(FVQA), agent: { mode: "general", dialect: "r1v4" }, makeAgent: makeAgentWith(model), verifyChecksum: false, runId: "fvqa-1" });
    await storage.close();
    expect(summary.done).toBe(5);

    const t = io(dir);
    const code = await runCli(["data", "export", "--run", "fvqa-1", "--db", db, "--format", "sharegpt", "--out", "sft", "--filters", "format,answer", "--scorer", "mmsearch-r1.fvqa.exact"], t.cli);
    expect(code, t.err()).toBe(EXIT.ok);
    const lines = readFileSync(join(dir, "sft", "data.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    expect(lines.some((line) => JSON.stringify(line).includes("Napoleon"))).toBe(false);
    const card = JSON.parse(readFileSync(join(dir, "sft", "dataset-card.json"), "utf8"));
    expect(card).toMatchObject({ byBenchmark: { fvqa: 4 }, sources: ["eval run fvqa-1 (sqlite database)"] });
    expect(card.filters.map((f: { filter: string; dropped: number }) => [f.filter, f.dropped])).toEqual([["format", 0], ["answer", 1]]);

    const refused = io(dir);
    expect(await runCli(["data", "filter", "--run", "no-such-run", "--db", db], refused.cli)).toBe(EXIT.failed);
    expect(refused.err()).toContain("no-such-run");
  });
});

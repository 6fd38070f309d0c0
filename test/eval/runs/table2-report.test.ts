import { describe, expect, it } from "vitest";
import { buildReport, type EvalRunConfig, type EvalThreadRecord } from "interleaf/eval";

const config = (benchmark: string): EvalRunConfig => ({
  runId: "r",
  createdAt: 0,
  dataset: { layout: "vlmevalkit-tsv", path: "/x.tsv", benchmark, seed: 0, checksum: "0" },
  agent: { dialect: "r1v4", model: "vllm:m" },
  samples: 1,
  seed: 0,
  generation: { temperature: 0, maxTokens: null, prediction: "raw" },
  budgets: {},
  scorers: ["s"],
  version: "test",
});

let n = 0;
const thread = (score: number, groups: Record<string, string>, status: EvalThreadRecord["status"] = "answered"): EvalThreadRecord => ({
  threadId: `t${n}`,
  itemId: String(n++),
  sample: 0,
  status,
  item: { question: "q", gold: "A", category: groups.category as string, groups },
  answer: "A",
  raw: "",
  scores: { s: { score, extracted: "A" } },
  usage: { inputTokens: 1, outputTokens: 1 },
  turns: 1,
  toolCalls: 0,
  latencyMs: 10,
  attempts: 1,
  startedAt: 0,
  updatedAt: 10,
});

describe("Table 2 columns", () => {
  it("averages HR-Bench per cycle_category group as VLMEvalKit's report_acc_hrbench, and Overall = (FSP + FCP) / 2", () => {
    const records = [
      thread(1, { category: "single", cycle_category: "0" }),
      thread(0, { category: "single", cycle_category: "0" }),
      thread(1, { category: "cross", cycle_category: "0" }),
      thread(1, { category: "single", cycle_category: "1" }),
      thread(0, { category: "cross", cycle_category: "1" }),
      thread(0, { category: "cross", cycle_category: "1" }),
      // A group without cross items still counts in FCP's denominator, as upstream divides by the number of groups.
      thread(1, { category: "single", cycle_category: "2" }),
    ];
    const report = buildReport(config("hrbench-4k"), records);
    expect(report.table2.columns).toEqual(["FSP", "FCP", "Overall"]);
    expect(report.table2.cells.FSP?.value).toBeCloseTo((0.5 + 1 + 1) / 3, 10);
    expect(report.table2.cells.FCP?.value).toBeCloseTo((1 + 0) / 3, 10);
    expect(report.table2.cells.Overall?.value).toBeCloseTo(((0.5 + 1 + 1) / 3 + 1 / 3) / 2, 10);
    expect(report.table2.cells.FSP).toMatchObject({ n: 4, scorer: "s" });
  });

  it("micro-averages V* by item, counting failed threads as 0 and leaving unfinished ones out", () => {
    const records = [
      thread(1, { category: "Attribute" }),
      thread(1, { category: "Attribute" }),
      thread(0, { category: "Attribute" }, "failed"),
      thread(1, { category: "Spatial" }),
      thread(0, { category: "Spatial" }, "interrupted"),
    ];
    const report = buildReport(config("vstar"), records);
    expect(report.table2.columns).toEqual(["Attribute", "Spatial", "Overall"]);
    expect(report.table2.cells.Attribute).toMatchObject({ value: 2 / 3, n: 3 });
    expect(report.table2.cells.Spatial).toMatchObject({ value: 1, n: 1 });
    expect(report.table2.cells.Overall).toMatchObject({ value: 0.75, n: 4 });
    expect(report.counts).toMatchObject({ failed: 1, unfinished: 1, answered: 3 });
  });
});

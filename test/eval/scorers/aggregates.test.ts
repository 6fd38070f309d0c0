import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { aggregateHrBench, aggregateMmeRealWorld, aggregateTreeBench, aggregateVStar, avgAtK, bestAt1, getScorer, meanUnbiasedPassAtK, passAtK, unbiasedPassAtK } from "interleaf/eval";

// Upstream aggregation code run on seeded random items (test/fixtures/scorers/capture/capture_aggregates.py).
const captured = JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/scorers/aggregates.json", import.meta.url)), "utf8"));

describe("aggregations agree with the upstream code", () => {
  it("V*: micro average over items (lmms-eval prints it x100)", () => {
    const { items, upstream } = captured.vstar as { items: { category: string; score: number }[]; upstream: number };
    const result = aggregateVStar(items);
    expect(result.overall * 100).toBeCloseTo(upstream, 12);
    // Micro, not the mean of the categories (the categories have different sizes here).
    const categories = Object.values(result.byCategory);
    expect(Math.abs(result.overall - (categories[0]! + categories[1]!) / 2)).toBeGreaterThan(1e-6);
  });

  it("HR-Bench: per cycle_category group, averaged over groups; overall = (FSP + FCP) / 2", () => {
    const { items, upstream } = captured.hrbench as { items: { cycle_category: string; category: string; gpt_score: number }[]; upstream: number };
    const result = aggregateHrBench(items.map((item) => ({ cycle_category: item.cycle_category, category: item.category, score: item.gpt_score })));
    expect(result.average.all).toBeCloseTo(upstream, 12);
    expect(Object.keys(result.byCycle)).toHaveLength(4);
    expect(result.overall).toBeCloseTo((result.fsp + result.fcp) / 2, 15);
    expect(result.fsp).toBe(result.average.single);
  });

  it("MME-RealWorld: item-weighted, as lmms-eval's aggregate", () => {
    const { items, upstream } = captured.mme_realworld_lmms as { items: { category: string; sub_category: string; pred_answer: string; answer: string }[]; upstream: number };
    const scored = items.map((item) => ({ task: item.category, subtask: item.sub_category, score: item.pred_answer.toLowerCase() === item.answer.toLowerCase() || item.pred_answer.toLowerCase().includes(item.answer.toLowerCase()) }));
    expect(aggregateMmeRealWorld(scored).overall).toBeCloseTo(upstream, 12);
  });

  it("MME-RealWorld: every subtask, task and overall line the official script prints", () => {
    const { items, printed } = captured.mme_realworld_official as { items: Record<string, unknown>[]; printed: string };
    const scorer = getScorer("mme-realworld.official");
    const scored = items.map((item) => ({
      task: String(item.Task),
      subtask: String(item.Subtask),
      score: scorer.score({ id: String(item.Question_id), prediction: String(item.Output), gold: item["Ground truth"], choices: item["Answer choices"] as string[] }).score,
    }));
    const result = aggregateMmeRealWorld(scored);
    let task = "";
    let checked = 0;
    for (const line of printed.split("\n")) {
      const start = /^\*+(\w+) \(Task Start\)/.exec(line);
      if (start) task = start[1]!;
      const subtask = /^\++\t Acc ([\d.]+)\t E choice \d+ \t(.+) \((\d+) items\)$/.exec(line);
      if (subtask && Number(subtask[3]) > 0) {
        expect(result.byTask[task]!.bySubtask[subtask[2]!]!.toFixed(4), `${task}/${subtask[2]}`).toBe(subtask[1]);
        checked += 1;
      }
      const taskLine = /^\*+Acc ([\d.]+)\t E choice \d+ \t(\w+) \(\d+ items\)$/.exec(line);
      if (taskLine) {
        expect(result.byTask[taskLine[2]!]!.accuracy.toFixed(4)).toBe(taskLine[1]);
        checked += 1;
      }
      const overall = /^\*+Overall Acc ([\d.]+)$/.exec(line);
      if (overall) {
        expect(result.overall.toFixed(4)).toBe(overall[1]);
        checked += 1;
      }
    }
    expect(checked).toBe(10 + 2 + 1);
  });

  it("TreeBench: per subtask, micro overall and mIoU as VLMEvalKit's get_dimension_rating", () => {
    const { items, upstream } = captured.treebench as { items: { category: string; score: number; iou: number | boolean }[]; upstream: Record<string, number | Record<string, number>> };
    const result = aggregateTreeBench(items);
    expect(result.overall).toBeCloseTo(upstream.Overall as number, 12);
    expect(result.mIoU).toBeCloseTo(upstream.mIoU as number, 12);
    for (const task of ["Perception", "Reasoning"]) {
      for (const [subtask, accuracy] of Object.entries(upstream[task] as Record<string, number>)) {
        expect(result.byTask[task]?.[subtask] ?? 0, `${task}/${subtask}`).toBeCloseTo(accuracy, 12);
      }
    }
  });
});

describe("aggregations over k samples", () => {
  const samples = [
    [1, 0, 0, 1],
    [0, 0, 0, 0],
    [1, 1, 1, 1],
  ];

  it("Avg@k is the mean of per-item means; Pass@k counts items with a correct sample among the first k", () => {
    expect(avgAtK(samples)).toBeCloseTo((0.5 + 0 + 1) / 3, 15);
    expect(passAtK(samples, 4)).toBeCloseTo(2 / 3, 15);
    expect(passAtK(samples, 2)).toBeCloseTo(2 / 3, 15);
    expect(passAtK([[0, 1]], 1)).toBe(0);
    expect(() => passAtK([[1]], 2)).toThrow(/2 samples per item/);
  });

  it("unbiased pass@k equals 1 - C(n-c, k) / C(n, k)", () => {
    const choose = (n: number, k: number): number => (k === 0 ? 1 : (choose(n - 1, k - 1) * n) / k);
    for (const [n, c, k] of [
      [10, 3, 1],
      [10, 3, 5],
      [20, 0, 5],
      [20, 19, 5],
      [7, 2, 7],
    ] as const) {
      expect(unbiasedPassAtK(n, c, k), `${n},${c},${k}`).toBeCloseTo(n - c < k ? 1 : 1 - choose(n - c, k) / choose(n, k), 12);
    }
    expect(meanUnbiasedPassAtK(samples, 1)).toBeCloseTo(avgAtK(samples), 12);
  });

  it("Best@1 is the accuracy of the best run", () => {
    expect(bestAt1(samples)).toBeCloseTo(2 / 3, 15);
    expect(bestAt1([[0, 1], [0, 1]])).toBe(1);
  });
});

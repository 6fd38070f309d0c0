import { describe, expect, it } from "vitest";
import { datasetRefFor, evalReport, formatReport, rescoreRun, runEval, type Scorer } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { answerTurn, exactAnswer, FVQA, FVQA_GOLD, makeAgentWith, questionModel } from "./eval-test-kit.js";

const dataset = datasetRefFor(FVQA);
const agentSpec = { mode: "general", dialect: "r1v4", model: "test:by-question" };

/** A second local scorer: the gold as a substring of the extracted answer. */
const containsGold: Scorer = {
  ...exactAnswer,
  id: "test.contains",
  score(c) {
    const extracted = /<answer>([\s\S]*?)<\/answer>/.exec(c.prediction)?.[1] ?? null;
    return { score: extracted !== null && extracted.toLowerCase().includes(String(c.gold).toLowerCase()), extracted };
  },
};

describe("eval reports and re-scoring stored answers", () => {
  it("counts scores, samples, missing answers and failures; re-scores without calling the agent; compares two runs", async () => {
    const storage = await openStorage("memory");
    // Sample 0 right except item 2; sample 1 right only on item 0; item 4 never answers (malformed turns).
    const { model, finished } = questionModel((question) => {
      if (question === "Who is the owner of this place?") return "I will not use tags.";
      const seen = finished.filter((f) => f.startsWith(question)).length;
      const gold = FVQA_GOLD[question] as string;
      if (question === "Who commissioned this building?") return answerTurn(seen === 0 ? "The Order of Hospitallers of Malta" : "Nobody");
      return answerTurn(seen === 0 || question === "What is the country of origin of this food?" ? gold : `${gold}?`);
    });
    const summary = await runEval({ storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(model), scorers: [exactAnswer], samples: 2, concurrency: { threads: 1 }, budgets: { maxMalformedTurns: 2 }, verifyChecksum: false });
    expect(summary).toMatchObject({ threads: 10, done: 10 });
    const report = await evalReport(storage, summary.runId);
    expect(report.table2.columns).toEqual(["Overall"]);
    // Right: item0 ×2, item1 s0, item3 s0 = 4 of 10 threads; pass@2 = 3 of 5 items.
    expect(report.table2.cells.Overall).toMatchObject({ value: 0.4, n: 10, scorer: "test.exact" });
    expect(report.sampling.passAtK).toMatchObject({ value: 0.6, n: 5 });
    expect(report.counts).toMatchObject({ items: 5, threads: 10, answered: 8, stopped: 2, failed: 0, missingAnswer: 2, meanTurns: 1.2 });
    const callsBefore = finished.length;

    await rescoreRun(storage, summary.runId, { scorers: [exactAnswer, containsGold] });
    expect(finished.length).toBe(callsBefore);
    const rescored = await evalReport(storage, summary.runId);
    // Contains the gold: item 0 ×2, item 2 s0 ("The Order of Hospitallers of Malta"), item 3 ×2; item 1's gold is "Gautama Buddha".
    expect(rescored.scorers["test.contains"]).toMatchObject({ value: 0.5, n: 10 });
    expect(rescored.scorers["test.exact"]?.value).toBe(0.4);

    const md = formatReport(rescored, "md", report);
    expect(md).toContain("| Overall | 40.0 | 40.0 | +0.0 | 10 | test.exact |");
    expect(md).toContain("| missingAnswer | 2 | 2 |");
    const csv = formatReport(rescored, "csv");
    expect(csv.split("\n")[0]).toBe("section,name,value,n,scorer,judge");
    expect(csv).toContain("scorer,test.contains,0.5,10,test.contains,");
    expect(JSON.parse(formatReport(rescored, "json")).counts.threads).toBe(10);
  });
});

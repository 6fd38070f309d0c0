import { beforeEach, describe, expect, it } from "vitest";
import { openStorage, type Storage } from "interleaf";
import {
  ANSWER_MATCH_TEMPLATE,
  answerFilter,
  dataJudge,
  dedupFilter,
  FINAL_CONSISTENCY_TEMPLATE,
  finalConsistencyFilter,
  formatFilter,
  lengthFilter,
  repetitionFilter,
  runFilters,
  STEP_CONSISTENCY_TEMPLATE,
  stepConsistencyFilter,
  toolErrorFilter,
  type DataFilter,
} from "interleaf/data";
import type { Scorer } from "interleaf/eval";
import { scriptedModel } from "interleaf/testing";
import { answer, recordedRun, zoom } from "./data-fixtures.js";

const exactMatch: Scorer = {
  id: "test.exact",
  kind: "rule",
  benchmark: "any",
  source: { repo: "test/test", commit: "0".repeat(40), path: "test.py", function: "exact" },
  // Scorers get the raw reply and extract the answer themselves, as upstream ones do.
  score: ({ prediction, gold }) => {
    const extracted = /<answer>([\s\S]*?)<\/answer>/.exec(prediction)?.[1]?.trim() ?? "";
    return { score: extracted === String(gold) ? 1 : 0, extracted };
  },
};

async function verdictOf(filter: DataFilter, storage: Storage, turns: string[], known = {}) {
  const record = await recordedRun(storage, `t-${Math.random().toString(36).slice(2)}`, turns, known);
  const report = await runFilters([record], [filter], storage);
  return report.trajectories[0]!.verdicts[0]!.verdict;
}

describe("the data engine's filters, on real runs", () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openStorage("memory");
  });

  it("format: keeps think + one action turns ending with an answer; drops a malformed turn or a run with no answer", async () => {
    expect(await verdictOf(formatFilter(), storage, [zoom([100, 300, 400, 700]), answer("3")])).toEqual({ pass: true });
    const malformed = await verdictOf(formatFilter(), storage, ["I will zoom now.", zoom([100, 300, 400, 700]), answer("3")]);
    expect(malformed).toMatchObject({ pass: false, reason: expect.stringContaining("step 0 is malformed") });
    const unfinished = await verdictOf(formatFilter(), storage, [zoom([100, 300, 400, 700])]);
    expect(unfinished).toMatchObject({ pass: false, reason: "the trajectory does not end with an answer" });
  });

  it("tool errors: drops a run in which a tool failed", async () => {
    expect(await verdictOf(toolErrorFilter(), storage, [zoom([100, 300, 400, 700]), answer("3")])).toEqual({ pass: true });
    const failed = await verdictOf(toolErrorFilter(), storage, [zoom([5000, 5000, 6000, 6000]), answer("3")]);
    expect(failed).toMatchObject({ pass: false, reason: expect.stringMatching(/^step 0: zoom failed \(/) });
  });

  it("repetition: drops the same call twice and a re-crop of nearly the same region, keeps distinct looks", async () => {
    expect(await verdictOf(repetitionFilter(), storage, [zoom([100, 300, 400, 700]), zoom([0, 0, 200, 200], "Now the corner."), answer("3")])).toEqual({ pass: true });
    const same = await verdictOf(repetitionFilter(), storage, [zoom([100, 300, 400, 700]), zoom([100, 300, 400, 700], "Again."), answer("3")]);
    expect(same).toMatchObject({ pass: false, reason: "step 1 repeats the zoom call of step 0" });
    const nearly = await verdictOf(repetitionFilter(), storage, [zoom([100, 300, 400, 700]), zoom([102, 302, 401, 702], "Again."), answer("3")]);
    expect(nearly).toMatchObject({ pass: false, reason: expect.stringContaining("crops again the region of step 0") });
  });

  it("length: keeps runs within the tool-call range", async () => {
    const turns = [zoom([100, 300, 400, 700]), zoom([0, 0, 200, 200], "Corner."), answer("3")];
    expect(await verdictOf(lengthFilter({ minToolCalls: 1, maxToolCalls: 2 }), storage, turns)).toEqual({ pass: true });
    expect(await verdictOf(lengthFilter({ maxToolCalls: 1 }), storage, turns)).toEqual({ pass: false, reason: "2 tool calls, more than 1" });
    expect(await verdictOf(lengthFilter({ minToolCalls: 3 }), storage, turns)).toEqual({ pass: false, reason: "2 tool calls, fewer than 3" });
  });

  it("dedup: keeps the first (by thread id) of near-identical runs, whatever the order given", async () => {
    const turns = [zoom([100, 300, 400, 700]), answer("3")];
    const b = await recordedRun(storage, "b", turns);
    const a = await recordedRun(storage, "a", turns);
    const other = await recordedRun(storage, "c", [zoom([0, 0, 200, 200]), answer("3")]);
    const report = await runFilters([b, a, other], [dedupFilter()], storage);
    expect(report.trajectories.map((t) => [t.threadId, t.passed])).toEqual([["b", false], ["a", true], ["c", true]]);
    expect(report.summary[0]).toMatchObject({ dropped: 1, examples: [{ threadId: "b", reason: "a near copy of a" }] });
  });

  it("answer: by a scorer, and by a judge whose verdicts are cached and whose unreadable replies drop the run", async () => {
    const turns = [zoom([100, 300, 400, 700]), answer("3")];
    expect(await verdictOf(answerFilter({ scorer: exactMatch }), storage, turns, { gold: "3" })).toEqual({ pass: true });
    expect(await verdictOf(answerFilter({ scorer: exactMatch }), storage, turns, { gold: "4" })).toEqual({ pass: false, reason: "test.exact scores the answer 0" });
    expect(await verdictOf(answerFilter({ scorer: exactMatch }), storage, turns)).toEqual({ pass: false, reason: "no ground truth is known for this item" });

    const prompts: string[] = [];
    const judge = scriptedModel((request) => {
      prompts.push(JSON.stringify(request.messages));
      return prompts.length === 1 ? "It says three.\nVerdict: yes" : "Hard to tell.";
    });
    const record = await recordedRun(storage, "judged", turns, { gold: "three" });
    const filter = answerFilter({ judge: dataJudge(judge, ANSWER_MATCH_TEMPLATE) });
    expect((await runFilters([record], [filter], storage)).kept).toBe(1);
    expect((await runFilters([record], [filter], storage)).kept).toBe(1);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain("Ground truth: three");
    const unsure = await recordedRun(storage, "unsure", turns, { gold: "four" });
    const report = await runFilters([unsure], [filter], storage);
    expect(report.trajectories[0]!.verdicts[0]!.verdict).toEqual({ pass: false, reason: "the judge's reply could not be read (the judge's reply says neither yes nor no)" });
  });

  it("final consistency: the judge reads the last thought and the answer", async () => {
    const seen: string[] = [];
    const judge = scriptedModel((request) => {
      const text = JSON.stringify(request.messages);
      seen.push(text);
      return text.includes("there are three") ? "Verdict: yes" : "The thought says two.\nVerdict: no";
    });
    const filter = finalConsistencyFilter(dataJudge(judge, FINAL_CONSISTENCY_TEMPLATE));
    expect(await verdictOf(filter, storage, [answer("3", "I see that there are three bottles.")])).toEqual({ pass: true });
    expect(await verdictOf(filter, storage, [answer("3", "I see two bottles.")])).toEqual({ pass: false, reason: "the judge says the final thought does not agree with the answer" });
    expect(seen[1]).toContain("Final reasoning: I see two bottles.");
  });

  it("step consistency: the judge sees each produced image with the thought that follows it", async () => {
    const requests: { images: number; text: string }[] = [];
    const judge = scriptedModel((request) => {
      const parts = request.messages.flatMap((m) => m.content);
      const text = parts.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("");
      requests.push({ images: parts.filter((p) => p.type === "image" && p.data !== undefined).length, text });
      return text.includes("The blank crop") ? "Verdict: no" : "Verdict: yes";
    });
    const filter = stepConsistencyFilter(dataJudge(judge, STEP_CONSISTENCY_TEMPLATE));
    expect(await verdictOf(filter, storage, [zoom([100, 300, 400, 700]), answer("3", "The crop shows three bottles.")])).toEqual({ pass: true });
    expect(requests[0]).toMatchObject({ images: 1 });
    expect(requests[0]!.text).toContain("The crop shows three bottles.");
    expect(requests[0]!.text).toContain('zoom {"bbox_2d": [100, 300, 400, 700]}');
    const bad = await verdictOf(filter, storage, [zoom([100, 300, 400, 700]), answer("3", "The blank crop clearly shows three bottles.")]);
    expect(bad).toMatchObject({ pass: false, reason: expect.stringContaining("the image of step 0 (zoom) does not match the thought of step 1") });
  });

  it("runs filters in order, shows later filters only what passed, and summarises what each dropped", async () => {
    const good = await recordedRun(storage, "good", [zoom([100, 300, 400, 700]), answer("3")]);
    const broken = await recordedRun(storage, "broken", [zoom([5000, 5000, 6000, 6000]), answer("3")]);
    const malformed = await recordedRun(storage, "malformed", ["no tags", answer("3")]);
    const report = await runFilters([good, broken, malformed], [formatFilter(), toolErrorFilter()], storage);
    expect(report.kept).toBe(1);
    expect(report.summary.map((line) => [line.filter, line.checked, line.dropped])).toEqual([["format", 3, 1], ["tool-errors", 2, 1]]);
    expect(report.trajectories.find((t) => t.threadId === "malformed")!.verdicts).toHaveLength(1);
    await expect(runFilters([good], [formatFilter(), formatFilter()], storage)).rejects.toMatchObject({ code: "invalid_argument" });
  });
});

import { describe, expect, it } from "vitest";
import { InterleafError, type TrajectoryStep } from "interleaf";
import { answerMatches, diffTrajectories, expectAnswer, expectSameTrajectory, expectToolCalled, expectToolOrder, scriptedModel, scriptedPageFetcher, scriptedSearch } from "interleaf/testing";

const call = (name: string, args: Record<string, unknown> = {}) => ({ id: name, name, arguments: args, observation: { text: `${name} ok`, images: [] }, startedAt: 0, durationMs: 0 });
const step = (index: number, calls: ReturnType<typeof call>[]): TrajectoryStep => ({ index, kind: "tool_calls", thought: "", raw: "", calls, usage: { inputTokens: 0, outputTokens: 0 }, model: { id: "m", startedAt: index, durationMs: 1 } });
const run = { steps: [step(0, [call("crop", { bbox_2d: [1, 2, 3, 4] })]), step(1, [call("text_search", { queries: ["q"] })])], answer: "It is the Eiffel Tower.", stop: null };

describe("trajectory assertions", () => {
  it("pass on a matching trajectory and fail with what was made", () => {
    expectToolOrder(run, ["crop", "text_search"]);
    expect(() => expectToolOrder(run, ["text_search", "crop"])).toThrow(/expected the calls text_search → crop in this order; the trajectory made: crop \(step 0\), text_search \(step 1\)/);
    expect(expectToolCalled(run, "crop", { bbox_2d: [1, 2, 3, 4] })).toHaveLength(1);
    expect(() => expectToolCalled(run, "crop", { bbox_2d: [9, 9, 9, 9] })).toThrow(/expected a crop call with/);
    expectAnswer(run, "eiffel tower");
    expect(() => expectAnswer(run, "louvre")).toThrow(/got "It is the Eiffel Tower\."/);
    expect(answerMatches("the tower", "tow")).toBe(false);
    expect(answerMatches(null, /./)).toBe(false);
  });

  it("compare trajectories ignoring ids and times, but not arguments", () => {
    const retimed = { ...run, steps: run.steps.map((s) => ({ ...s, model: { ...s.model, startedAt: 99 }, calls: s.calls.map((c) => ({ ...c, id: "other", durationMs: 7 })) })) };
    expectSameTrajectory(run, retimed);
    const moved = { ...run, steps: [step(0, [call("crop", { bbox_2d: [1, 2, 3, 5] })]), run.steps[1] as TrajectoryStep] };
    const diff = diffTrajectories(run, moved);
    expect(diff.firstDivergingStep).toBe(0);
    expect(diff.steps[0]?.actions[0]?.fields).toEqual(["arguments"]);
    expect(() => expectSameTrajectory(run, moved)).toThrow(/call 0 changed \(arguments\): crop/);
  });
});

describe("scripted backends", () => {
  it("answer what was scripted, record calls, and refuse the rest", async () => {
    const search = scriptedSearch({ cats: [{ title: "a", url: "https://x.test/a", snippet: "" }, { title: "b", url: "https://x.test/b", snippet: "" }] });
    expect((await search.search("cats", { maxResults: 1 })).results.map((r) => r.title)).toEqual(["a"]);
    await expect(search.search("dogs")).rejects.toThrow(/no answer for "dogs"; scripted: "cats"/);
    expect(search.calls.map((c) => c.query)).toEqual(["cats", "dogs"]);
    const web = scriptedPageFetcher({ "https://x.test/": "hello" });
    await expect(web.fetch("https://x.test/other")).rejects.toSatisfy((e) => InterleafError.isInstance(e) && e.code === "fetch_failed");
    const model = scriptedModel(["first", new InterleafError("model_failed", "rate limited", { retryable: true })], { turnIndex: "sequential" });
    expect((await model.generate({ messages: [] })).text).toBe("first");
    await expect(model.generate({ messages: [] })).rejects.toThrow("rate limited");
  });
});

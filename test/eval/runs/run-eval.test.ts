import { describe, expect, it } from "vitest";
import { datasetRefFor, EvalRunTable, rescoreRun, resumeEval, runEval, SIMPLE_EVALS_BROWSECOMP_GRADER, type Scorer } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { InterleafError, type ModelBackend } from "interleaf";
import { answerTurn, exactAnswer, FVQA, FVQA_GOLD, makeAgentWith, questionModel, yesNoParser } from "./eval-test-kit.js";

const dataset = datasetRefFor(FVQA);
/** Threads in item order (the run table lists them in the order they started, which concurrency may shuffle). */
const byItem = <T extends { itemId: string; sample: number }>(threads: T[]) => [...threads].sort((a, b) => Number(a.itemId) - Number(b.itemId) || a.sample - b.sample);
const agentSpec = { mode: "general", dialect: "r1v4", model: "test:by-question" };
const wrong = new Set(["Who commissioned this building?"]);
const reply = (question: string) => answerTurn(wrong.has(question) ? "Napoleon" : (FVQA_GOLD[question] as string));

describe("runEval on the real FVQA rows", () => {
  it("runs every item as its own thread, records answers and scores, and keeps images out of state", async () => {
    const storage = await openStorage("memory");
    const { model, finished, maxInFlight } = questionModel(async (q) => {
      await new Promise((r) => setTimeout(r, 20));
      return reply(q);
    });
    const summary = await runEval({ storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(model), scorers: [exactAnswer], concurrency: { threads: 4, modelRequests: 2 }, verifyChecksum: false });
    expect(summary).toMatchObject({ threads: 5, done: 5, failed: 0, skipped: 0, stoppedBy: null });
    expect(finished).toHaveLength(5);
    expect(maxInFlight()).toBe(2);
    const records = byItem(await new EvalRunTable(storage.cache).threads(summary.runId));
    expect(records.map((r) => [r.itemId, r.answer, r.scores["test.exact"]?.score])).toEqual([
      ["0", "Spain", 1],
      ["1", "Buddha", 1],
      ["2", "Napoleon", 0],
      ["3", "Tuileries Palace", 1],
      ["4", "Portugal", 1],
    ]);
    expect(records[0]).toMatchObject({ status: "answered", turns: 1, toolCalls: 0, usage: { inputTokens: 100, outputTokens: 10 }, attempts: 1 });
    expect(records[0]?.item.candidates).toContain("Kingdom of Spain");
    const agent = await makeAgentWith(model)({}, storage);
    const state = await agent.state(records[0]?.threadId as string);
    const image = state?.images[0];
    expect(image?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await storage.images.has(image?.id as string)).toBe(true);
    expect(JSON.stringify(state).length).toBeLessThan(20_000);

    // The same command again: every thread is finished, no model call is made.
    const again = await runEval({ storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(model), scorers: [exactAnswer], verifyChecksum: false });
    expect(again).toMatchObject({ runId: summary.runId, done: 5, skipped: 5 });
    expect(finished).toHaveLength(5);
  });

  it("stops on abort, and resumeEval finishes without repeating a finished call", async () => {
    const storage = await openStorage("memory");
    const abort = new AbortController();
    const first = questionModel(async (q) => {
      if (q === "Who commissioned this building?") {
        abort.abort();
        await new Promise((r) => setTimeout(r, 10));
      }
      return reply(q);
    });
    const interrupted = await runEval({ storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(first.model), scorers: [exactAnswer], concurrency: { threads: 1 }, signal: abort.signal, verifyChecksum: false });
    expect(interrupted).toMatchObject({ stoppedBy: "interrupted", done: 2, interrupted: 1 });
    const second = questionModel(reply);
    const resumed = await resumeEval(interrupted.runId, { storage, makeAgent: makeAgentWith(second.model), resolveScorer: () => exactAnswer });
    expect(resumed).toMatchObject({ done: 5, skipped: 2, stoppedBy: null });
    expect([...first.finished, ...second.finished].sort()).toEqual(Object.keys(FVQA_GOLD).map((q) => `${q}#0`).sort());
  });

  it("resumes a thread whose model failed with a retryable error, and stops starting threads at the token budget", async () => {
    const storage = await openStorage("memory");
    let failures = 0;
    const { model } = questionModel((q) => {
      if (q === "What is this building dedicated to?" && failures++ === 0) return new InterleafError("model_failed", "HTTP 503", { retryable: true });
      return reply(q);
    });
    const summary = await runEval({ storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(model), scorers: [exactAnswer], concurrency: { threads: 1 }, retryBaseMs: 1, verifyChecksum: false });
    const records = byItem(await new EvalRunTable(storage.cache).threads(summary.runId));
    expect(records[1]).toMatchObject({ status: "answered", answer: "Buddha", attempts: 2 });

    const budgeted = await runEval({ storage: await openStorage("memory"), dataset, agent: agentSpec, makeAgent: makeAgentWith(questionModel(reply).model), concurrency: { threads: 1 }, tokenBudget: 200, verifyChecksum: false });
    expect(budgeted).toMatchObject({ stoppedBy: "token_budget", done: 2, tokens: 220 });
  });

  it("judges answers at temperature 0 with a cached verdict, keeping judge_failed apart from incorrect", async () => {
    const storage = await openStorage("memory");
    const judgeCalls: { prompt: string; temperature: number | undefined }[] = [];
    const judgeModel: ModelBackend = {
      specificationVersion: "v1",
      provider: "test",
      modelId: "judge",
      async generate(request) {
        const prompt = request.messages[0]?.content[0]?.type === "text" ? request.messages[0].content[0].text : "";
        judgeCalls.push({ prompt, temperature: request.temperature });
        const text = prompt.includes("[response]: Napoleon") ? "correct: no" : prompt.includes("[response]: Portugal") ? "I cannot tell." : "extracted_final_answer: x\ncorrect: yes";
        return { text, toolCalls: [], usage: { inputTokens: 1, outputTokens: 1 } };
      },
    };
    const { model } = questionModel(reply);
    const options = { storage, dataset, agent: agentSpec, makeAgent: makeAgentWith(model), judge: { model: judgeModel, template: SIMPLE_EVALS_BROWSECOMP_GRADER, parser: yesNoParser as Scorer }, verifyChecksum: false };
    const summary = await runEval(options);
    expect(summary).toMatchObject({ done: 5, judgeFailed: 1 });
    expect(judgeCalls).toHaveLength(5);
    expect(judgeCalls.every((c) => c.temperature === 0)).toBe(true);
    const spain = judgeCalls.find((c) => c.prompt.includes("[question]: What is the country of origin of this food?"));
    expect(spain?.prompt).toContain("[question]: What is the country of origin of this food?\n\n[response]: Spain");
    expect(spain?.prompt).toContain("[correct_answer]: Spain");
    const records = byItem(await new EvalRunTable(storage.cache).threads(summary.runId));
    expect(records.map((r) => r.judge?.verdict)).toEqual(["correct", "correct", "incorrect", "correct", "judge_failed"]);

    // Judging the stored answers again: the four verdicts come from the cache, the failed one is asked again.
    await rescoreRun(storage, summary.runId, { judge: options.judge });
    expect(judgeCalls).toHaveLength(6);
    const rejudged = byItem(await new EvalRunTable(storage.cache).threads(summary.runId));
    expect(rejudged.map((r) => r.judge?.cached)).toEqual([true, true, true, true, false]);
  });
});

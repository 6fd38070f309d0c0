// A worker's database goes away between saving a step's results and saving the checkpoint after
// it. Resuming must apply those results and go on, not report the thread as ended without an
// answer (found with the Postgres outage test: LangGraph then lists the step under `tasks`, no
// longer under `next`). Each checkpoint write in turn is made to fail once.
import { expect, it } from "vitest";
import { z } from "zod";
import { createGraphAgent, defineTool, InterleafError, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";

const turns = [0, 1, 2].map((i) => `<think>step ${i}</think><tool_call>{"name": "note", "arguments": {"text": "n${i}"}}</tool_call>`).concat("<think>done</think><answer>noted thrice</answer>");

it("resumes a thread whose last step's results were saved but whose next checkpoint was not", async () => {
  for (let failAt = 1; failAt <= 9; failAt++) {
    const executed: string[] = [];
    const note = defineTool({ name: "note", description: "Notes a text.", input: z.object({ text: z.string() }), async execute({ text }) {
      executed.push(text);
      return { text: `noted ${text}` };
    } });
    const base = await openStorage("memory");
    const inner = base.checkpointer;
    let puts = 0;
    const flaky = Object.create(inner) as typeof inner;
    flaky.put = async (...args: Parameters<typeof inner.put>) => {
      if (++puts === failAt) throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "ECONNRESET" });
      return inner.put(...args);
    };
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(turns), dialect: r1v4Dialect(), tools: [note], storage: { ...base, checkpointer: flaky } });
    const first = await agent.run({ question: "note three things" }, { threadId: "t" }).catch((error: unknown) => error);
    const failure = InterleafError.isInstance(first) ? first : (first as { error?: { code: string; retryable: boolean } }).error;
    expect(failure, `write ${failAt}`).toMatchObject({ code: "storage_failed", retryable: true });
    const resumed = failAt === 1 ? await agent.run({ question: "note three things" }, { threadId: "t" }) : await agent.resume("t");
    expect(resumed.status, `write ${failAt}`).toBe("answered");
    expect(resumed.answer).toBe("noted thrice");
    expect(resumed.steps.map((step) => step.calls.map((call) => call.observation.text))).toEqual([["noted n0"], ["noted n1"], ["noted n2"], []]);
    expect([...executed].sort(), `write ${failAt}`).toEqual(["n0", "n1", "n2"]);
    await base.close();
  }
});

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { END, START, StateGraph, interrupt } from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentState, InterleafError, createGraphAgent, defineTool, r1v4Dialect, type AgentEvent, type AgentStateValue } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { reasonNode } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";
import type { CliIo } from "../../../cli/cli-io.js";
import { EXIT } from "../../../cli/exit-codes.js";
import { runCli } from "../../../cli/run-cli.js";
import { answer, call } from "../helpers.js";

const photo = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

/** reason, then a node that asks a person to confirm the answer. */
function confirmingGraph(asked: unknown[]) {
  return new StateGraph(AgentState)
    .addNode("reason", reasonNode)
    .addNode("confirm", async (state: AgentStateValue) => {
      const reply = interrupt({ confirm: state.answer });
      asked.push(reply);
      return reply === true ? {} : { answer: `not confirmed: ${String(reply)}` };
    })
    .addEdge(START, "reason")
    .addEdge("reason", "confirm")
    .addEdge("confirm", END);
}

describe("interrupts through the Agent API", () => {
  it("a node calling interrupt() ends the run as interrupted with its payload and node; resume answers it (SQLite, across agents)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-interrupts-"));
    const asked: unknown[] = [];
    const first = createGraphAgent({ graph: confirmingGraph(asked), model: scriptedModel([answer("blue")]), dialect: r1v4Dialect(), storage: join(dir, "t.db") });
    const events: AgentEvent[] = [];
    const result = await first.run({ question: "Which colour?" }, { threadId: "ask", onEvent: (e) => events.push(e) });
    await first.close();

    // Before: status "stopped", stop null, no payload.
    expect(result.status).toBe("interrupted");
    expect(result.error).toBeUndefined();
    expect(result.interrupts).toEqual([{ id: expect.any(String), node: "confirm", value: { confirm: "blue" } }]);
    expect(result.answer).toBe("blue");
    expect(result.counters.modelTurns).toBe(1);
    expect(events.at(-1)).toEqual({ type: "interrupted", interrupts: result.interrupts });
    expect(asked).toEqual([]);

    // Another process (another agent on the same file) answers.
    const second = createGraphAgent({ graph: confirmingGraph(asked), model: scriptedModel([]), dialect: r1v4Dialect(), storage: join(dir, "t.db") });
    const again = await second.resume("ask");
    expect([again.status, again.interrupts?.[0]?.value]).toEqual(["interrupted", { confirm: "blue" }]);
    const resumeEvents: AgentEvent[] = [];
    const generator = second.resumeStream("ask", { resume: false });
    let next = await generator.next();
    for (; !next.done; next = await generator.next()) resumeEvents.push(next.value);
    expect([next.value.status, next.value.answer, next.value.interrupts]).toEqual(["answered", "not confirmed: false", undefined]);
    expect(asked).toEqual([false]);
    expect(resumeEvents.map((e) => e.type)).toEqual(["run_started"]);
    await second.close();
  });

  it("an answer of true lets the run end as answered", async () => {
    const asked: unknown[] = [];
    const agent = createGraphAgent({ graph: confirmingGraph(asked), model: scriptedModel([answer("green")]), dialect: r1v4Dialect() });
    const first = await agent.run({ question: "Which colour?" });
    const done = await agent.resume(first.threadId, { resume: true });
    expect([done.status, done.answer, asked]).toEqual(["answered", "green", [true]]);
    // Nothing waits any more: an answer is refused rather than dropped.
    const refused = await agent.resume(first.threadId, { resume: true }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(refused, "invalid_argument") && refused.message).toContain("waits for no answer");
  });

  it("a tool calling interrupt() suspends the run instead of becoming an error observation", async () => {
    const ask = defineTool({
      name: "ask_user",
      description: "Asks the user a question.",
      input: z.object({ question: z.string() }),
      async execute({ question }) {
        return { text: `the user says: ${String(interrupt({ question }))}` };
      },
    });
    const model = scriptedModel((request, turn) => (turn === 0 ? call("ask_user", { question: "Which shelf?" }) : answer(JSON.stringify(request.messages.at(-1)?.content).includes("the user says: top") ? "top" : "?")));
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [ask] });
    const first = await agent.run({ question: "Where is it?" });
    expect([first.status, first.interrupts?.[0]?.node, first.interrupts?.[0]?.value]).toEqual(["interrupted", "tools", { question: "Which shelf?" }]);
    expect(first.steps).toEqual([]);
    const done = await agent.resume(first.threadId, { resume: "top" });
    expect([done.status, done.answer]).toEqual(["answered", "top"]);
    expect(done.steps[0]?.calls[0]?.observation).toMatchObject({ text: "the user says: top" });
  });

  it("an aborted run is still interrupted with an error and no interrupts", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("x")]), dialect: r1v4Dialect() });
    const controller = new AbortController();
    controller.abort();
    const result = await agent.run({ question: "?" }, { signal: controller.signal });
    expect([result.status, result.error?.code, result.interrupts]).toEqual(["interrupted", "aborted", undefined]);
  });
});

describe("interrupts on the command line", () => {
  function io(cwd: string) {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
    return { cli, out: () => out.join(""), err: () => err.join("") };
  }
  const zoomTurn = '<think>Zoom on the bottles.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [100, 300, 400, 700]}}</tool_call>';

  it("run --approve prints the question and how to answer; resume --answer continues (approve and reject)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-cli-interrupts-"));
    const script = join(dir, "t.json");
    writeFileSync(script, JSON.stringify([zoomTurn, "<think>Done.</think>\n<answer>5</answer>"]));
    for (const [thread, given, called] of [["yes", "true", true], ["no", '{"approve": false, "reason": "not now"}', false]] as const) {
      const run = io(dir);
      expect(await runCli(["run", photo, "How many?", "--script", script, "--approve", "zoom", "--thread", thread], run.cli)).toBe(EXIT.noAnswer);
      expect(run.out()).toContain("Waiting for an answer (tools)");
      expect(run.err()).toContain('"name": "zoom"');
      expect(run.err()).toContain(`interleaf resume ${thread} --answer '<json>'`);

      const bad = io(dir);
      expect(await runCli(["resume", thread, "--answer", "yes please"], bad.cli)).toBe(EXIT.usage);
      expect(bad.err()).toContain("--answer must be JSON");

      const resumed = io(dir);
      expect(await runCli(["resume", thread, "--answer", given, "--json"], resumed.cli)).toBe(EXIT.ok);
      const doc = JSON.parse(resumed.out());
      expect(doc.answer).toBe("5");
      const observation = doc.steps[0].calls[0].observation;
      if (called) expect([observation.error, observation.images.length]).toEqual([undefined, 1]);
      else expect([observation.error.code, observation.text]).toEqual(["tool_failed", "the user did not approve this call to zoom: not now; continue without it"]);
    }
  });
});

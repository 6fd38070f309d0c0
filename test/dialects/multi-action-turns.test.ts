import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGraphAgent, defineTool, type Dialect } from "interleaf";
import { dialectByName, interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { textOf } from "../../src/models/messages.js";

/** Each text dialect's own way of writing one action, its reasoning tag and its result tag ("" when results are not wrapped). */
interface DialectCase {
  name: string;
  think: string;
  resultTag: string;
  action: (n: number) => string;
  /** The arguments interleaf's tool receives for action n. */
  received: (n: number) => unknown;
}

const toolCall = (n: number) => `<tool_call>{"name": "text_search", "arguments": {"queries": ["query ${n}"]}}</tool_call>`;
const CASES: DialectCase[] = [
  { name: "r1v4", think: "think", resultTag: "observation", action: toolCall, received: (n) => ({ queries: [`query ${n}`] }) },
  { name: "deepeyes", think: "think", resultTag: "tool_response", action: toolCall, received: (n) => ({ queries: [`query ${n}`] }) },
  { name: "webwatcher", think: "think", resultTag: "tool_response", action: toolCall, received: (n) => ({ queries: [`query ${n}`] }) },
  { name: "thyme", think: "think", resultTag: "sandbox_output", action: (n) => `<code>\n\`\`\`python\nprint(${n})\n\`\`\`\n</code>`, received: (n) => ({ code: `print(${n})` }) },
  { name: "mmsearch-r1", think: "reason", resultTag: "information", action: (n) => `<text_search>query ${n}</text_search>`, received: (n) => ({ queries: [`query ${n}`] }) },
  { name: "mini-o3", think: "think", resultTag: "", action: (n) => `<grounding>{"bbox_2d": [0.1, 0.1, 0.${n + 4}, 0.${n + 4}], "source": "original_image"}</grounding>`, received: (n) => ({ bbox_2d: [0.1, 0.1, Number(`0.${n + 4}`), Number(`0.${n + 4}`)] }) },
];

function loggingTools(log: unknown[]) {
  const run = async (args: unknown) => {
    log.push(args);
    return { text: `local result ${log.length}` };
  };
  return [
    defineTool({ name: "text_search", description: "Searches the web.", input: z.object({ queries: z.array(z.string()).min(1) }), execute: run }),
    defineTool({ name: "code", description: "Runs Python code.", input: z.object({ code: z.string() }), execute: (args) => run({ code: args.code.trim() }) }),
    defineTool({ name: "zoom", description: "Zooms in.", input: z.object({ bbox_2d: z.array(z.number()), image: z.string().optional() }), execute: (args) => run({ bbox_2d: args.bbox_2d }) }),
  ];
}

function agentFor(dialect: Dialect, turns: string[], log: unknown[]) {
  const model = scriptedModel(turns, { turnIndex: "sequential" });
  return { model, agent: createGraphAgent({ graph: interleavedGraph(), model, dialect, tools: loggingTools(log) }) };
}

const thought = (c: DialectCase, text: string) => `<${c.think}>${text}</${c.think}>`;
const answer = (c: DialectCase) => `${thought(c, "Done.")}\n<answer>blue</answer>`;

describe("a turn with several actions (the model ignored the stop sequence) is handled the same way in every text dialect", () => {
  for (const c of CASES) {
    describe(c.name, () => {
      it("a run of unexecuted actions is cut at the first, and the model is told", async () => {
        const log: unknown[] = [];
        const turn = `${thought(c, "Three at once.")}\n${c.action(1)}\n${c.action(2)}\n${c.action(3)}`;
        const { agent, model } = agentFor(dialectByName(c.name), [turn, answer(c)], log);
        const result = await agent.run({ question: "What colour?" });
        expect(result.error).toBeUndefined();
        expect(log).toEqual([c.received(1)]);
        expect(result.steps[0]?.calls).toHaveLength(1);
        expect(result.steps[0]?.note).toBe("Only the first action of that turn was run; the 2 actions written after it before any result came back were dropped. Take one action per turn and wait for the result.");
        expect(textOf(model.calls[1]?.request.messages.at(-1)?.content ?? [])).toContain("Only the first action of that turn was run");
        // The turn is kept, and replayed, as the stop sequence would have cut it.
        expect(result.steps[0]?.raw).toBe(`${thought(c, "Three at once.")}\n${c.action(1)}`);
        if (c.name === "thyme") {
          // Thyme's loop keeps one assistant message: the cut turn, its result and the note, continued by the model.
          expect(textOf(model.calls[1]?.request.messages.at(-1)?.content ?? []).startsWith(`${thought(c, "Three at once.")}\n${c.action(1)}`)).toBe(true);
        } else {
          expect(textOf(model.calls[1]?.request.messages.at(-2)?.content ?? [])).toBe(`${thought(c, "Three at once.")}\n${c.action(1)}`);
        }
        expect(result.answer).toBe("blue");
      });

      // Mini-o3 does not wrap results, so a trace cannot be told from a turn: only the cut applies.
      if (!c.resultTag) return;

      it("a trace with results is ingested as server-executed steps, and the turn after it is acted on", async () => {
        const log: unknown[] = [];
        const wrap = (text: string) => `<${c.resultTag}>${text}</${c.resultTag}>`;
        const trace = `${thought(c, "First.")}\n${c.action(1)}\n${wrap("server result 1")}\n${thought(c, "Second.")}\n${c.action(2)}\n${wrap("server result 2")}\n${thought(c, "Now mine.")}\n${c.action(3)}`;
        const { agent } = agentFor(dialectByName(c.name), [trace, answer(c)], log);
        const result = await agent.run({ question: "What colour?" });
        expect(result.error).toBeUndefined();
        // interleaf ran only the action no result followed.
        expect(log).toEqual([c.received(3)]);
        expect(result.steps.map((s) => [s.kind, s.executedBy ?? "interleaf", s.thought])).toEqual([
          ["tool_calls", "server", "First."],
          ["tool_calls", "server", "Second."],
          ["tool_calls", "interleaf", "Now mine."],
          ["answer", "interleaf", "Done."],
        ]);
        expect(result.steps.slice(0, 2).map((s) => s.calls.map((call) => call.observation.text))).toEqual([["server result 1"], ["server result 2"]]);
        expect(result.steps[2]?.raw).toBe(`${thought(c, "Now mine.")}\n${c.action(3)}`);
        expect(result.counters.modelTurns).toBe(2);
      });
    });
  }
});

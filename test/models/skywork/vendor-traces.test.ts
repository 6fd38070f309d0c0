import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ToolRegistry, createGraphAgent, defineTool } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { hostedR1V4Dialect, parseR1V4Trace } from "interleaf/skywork";
import { skyworkFixture } from "./skywork-server.js";

// What Skywork's own parsers make of each trace (test/fixtures/skywork/capture.py, SOURCES.md).
interface Upstream {
  parse_full_response: {
    rounds: { think: string; tool_call: unknown; observation: unknown }[];
    final_round: { think: string; answer: string };
  };
  extract_turns: ({ think: string; tool_name: string; observation?: string; answer?: string } & Record<string, string>)[];
}

const TRACES = ["vendor-parse-utils-sample", "composed-deepresearch-tool-calls", "composed-bare-tags", "composed-truncated"];
const usage = { inputTokens: 0, outputTokens: 0 };

/** An observation as parse_utils.py keeps it: the JSON value when it is JSON, else the text. */
function asUpstream(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

describe("parseR1V4Trace reads the vendor's traces as Skywork's own parsers do", () => {
  for (const name of TRACES) {
    it(name, () => {
      const upstream = JSON.parse(skyworkFixture(`traces/${name}.parsed.json`)) as Upstream;
      const trace = parseR1V4Trace(skyworkFixture(`traces/${name}.txt`));
      const toolSteps = trace.steps.filter((step) => step.kind === "tool_calls");
      const bareTags = upstream.parse_full_response.rounds.length === 0 && upstream.extract_turns.some((turn) => turn.tool_name !== "answer");
      if (!bareTags) {
        // parse_utils.py: one round per <tool_call>, with its think and observation (JSON-decoded when JSON).
        expect(toolSteps.map((step) => ({ think: step.thought, tool_call: { name: step.calls[0]?.name, arguments: step.calls[0]?.arguments }, observation: asUpstream(step.calls[0]?.observationText ?? "") }))).toEqual(
          upstream.parse_full_response.rounds.map(({ think, tool_call, observation }) => ({ think, tool_call, observation })),
        );
      } else {
        // The bare tags of the first r1v4 commit: request_deepresearch.py's extract_turns.
        const calls = upstream.extract_turns.filter((turn) => turn.tool_name !== "answer");
        expect(toolSteps.map((step) => [step.thought, step.calls[0]?.name, step.calls[0]?.observationText])).toEqual(calls.map((turn) => [turn.think, turn.tool_name, turn.observation]));
        expect(toolSteps.map((step) => step.calls[0]?.arguments)).toEqual(calls.map((turn) => (turn.image_path !== undefined ? { image_paths: [turn.image_path] } : { queries: [turn.query] })));
      }
      // The answer: parse_utils.py takes the first <answer>, "" when there is none.
      expect(trace.answer ?? "").toBe(upstream.parse_full_response.final_round.answer);
      expect(trace.complete).toBe(upstream.parse_full_response.final_round.answer !== "");
      if (trace.complete) expect(trace.steps.at(-1)?.thought).toBe(upstream.parse_full_response.final_round.think);
    });
  }
});

describe("hostedR1V4Dialect turns a trace into server steps and the turn after them", () => {
  const dialect = hostedR1V4Dialect();
  const parse = (name: string) => dialect.parseTurn({ text: skyworkFixture(`traces/${name}.txt`), toolCalls: [], usage }, new ToolRegistry());

  it("the vendor's sample: one server step with its observation, then the answer", () => {
    const turn = parse("vendor-parse-utils-sample");
    expect(turn.kind).toBe("answer");
    expect(turn.kind === "answer" && turn.answer).toBe("The rightmost child has a red/orange colored skirt.");
    expect(turn.thought).toBe("The cropped image shows the rightmost child clearly.");
    expect(turn.executed).toEqual([
      {
        thought: "I need to identify the rightmost child in the image and determine the color of their skirt.",
        raw: '<think>\nI need to identify the rightmost child in the image and determine the color of their skirt.\n</think>\n<tool_call>{"name": "code", "arguments": {"code": "print(\'hello\')"}}</tool_call>',
        calls: [{ name: "code", arguments: { code: "print('hello')" }, observationText: '{"result": "hello", "type": "code"}' }],
      },
    ]);
    expect(turn.raw).toBe("<think>\nThe cropped image shows the rightmost child clearly.\n</think>\n<answer>\nThe rightmost child has a red/orange colored skirt.\n</answer>");
  });

  it("a trace cut after an observation: every step kept as the server's, the turn malformed with what is missing", () => {
    const turn = parse("composed-truncated");
    expect(turn.kind).toBe("malformed");
    expect(turn.executed?.map((t) => t.calls.map((c) => c.observationText))).toEqual([['{"result": "bottles: 3", "type": "code"}'], ['{"result": "cups: 2", "type": "code"}']]);
    expect(turn.kind === "malformed" && turn.problem).toMatch(/ends without an <answer>/);
  });

  it("a last call with no result is run by interleaf when the agent has that tool, else the turn is malformed", () => {
    const text = '<think>a</think><tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call><observation>1</observation><think>b</think><tool_call>{"name": "code", "arguments": {"code": "2"}}</tool_call>';
    const withoutTool = dialect.parseTurn({ text, toolCalls: [], usage }, new ToolRegistry());
    expect(withoutTool.kind).toBe("malformed");
    expect(withoutTool.executed).toHaveLength(1);
    const code = defineTool({ name: "code", description: "Runs code.", input: z.object({ code: z.string() }), execute: async () => ({ text: "" }) });
    const withTool = dialect.parseTurn({ text, toolCalls: [], usage }, new ToolRegistry([code]));
    expect(withTool.kind === "tool_calls" && withTool.calls).toEqual([{ id: "", name: "code", arguments: { code: "2" } }]);
    expect(withTool.executed).toHaveLength(1);
  });

  it("a turn of the trace interleaf cannot read is kept as a malformed server step, and the trace goes on", async () => {
    const text =
      '<think>a</think><tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call><observation>1</observation>' +
      "<think>b</think><observation>an observation with no call</observation>" +
      "<think>c</think><answer>2</answer>";
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([text]), dialect });
    const result = await agent.run({ question: "?" });
    expect(result.steps.map((s) => [s.kind, s.executedBy ?? "interleaf", s.problem ?? ""])).toEqual([
      ["tool_calls", "server", ""],
      ["malformed", "server", "the turn has no tool call and no <answer>"],
      ["answer", "interleaf", ""],
    ]);
    expect(result.answer).toBe("2");
  });
});

import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { ToolRegistry, type ContentPart, type ModelMessage } from "interleaf";
import { textOf } from "../../src/models/messages.js";
import { r1v4Dialect } from "../../src/dialects/r1v4-dialect.js";
import { type ParsedTurn } from "../../src/dialects/dialect.js";
import { allTools, callRecord, code, imageSearch, loadImages, said, step, textSearch, webVisit, zoom } from "./agent-fixtures.js";

const dialect = r1v4Dialect();
const parse = (text: string, tools: ToolRegistry = allTools): ParsedTurn => dialect.parseTurn(said(text), tools);

function calls(turn: ParsedTurn) {
  if (turn.kind !== "tool_calls") throw new Error(`expected tool calls, got ${turn.kind}: ${turn.kind === "malformed" ? turn.problem : ""}`);
  return turn.calls;
}

function problem(turn: ParsedTurn): string {
  if (turn.kind !== "malformed") throw new Error(`expected a malformed turn, got ${turn.kind}`);
  return turn.problem;
}

describe("r1v4Dialect parses every action form", () => {
  it("reads <think> and a <tool_call> JSON, keeping ids empty for the executor", () => {
    const turn = parse('<think>\nI should search for the jersey number.\n</think>\n<tool_call>{"name": "text_search", "arguments": {"queries": ["Lakers 23 2024"]}}</tool_call>');
    expect(turn.thought).toBe("I should search for the jersey number.");
    expect(calls(turn)).toEqual([{ id: "", name: "text_search", arguments: { queries: ["Lakers 23 2024"] } }]);
  });

  it("accepts a <tool_call> whose closing tag the stop sequence removed", () => {
    const turn = parse('<think>Zoom on the sign.</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [10, 20, 110, 220], "image": "original image"}}');
    expect(calls(turn)).toEqual([{ id: "", name: "zoom", arguments: { bbox_2d: [10, 20, 110, 220], image: "original image" } }]);
  });

  it("accepts a JSON code fence inside <tool_call> and arguments sent as a JSON string", () => {
    const fenced = parse('<think>t</think><tool_call>\n```json\n{"name": "code", "arguments": {"code": "print(1)"}}\n```\n</tool_call>');
    expect(calls(fenced)).toEqual([{ id: "", name: "code", arguments: { code: "print(1)" } }]);
    const stringly = parse('<think>t</think><tool_call>{"name": "text_search", "arguments": "{\\"queries\\": [\\"a\\"]}"}</tool_call>');
    expect(calls(stringly)[0]?.arguments).toEqual({ queries: ["a"] });
  });

  it("wraps a single string where the tool expects a list", () => {
    expect(calls(parse('<think>t</think><tool_call>{"name": "text_search", "arguments": {"queries": "only one"}}</tool_call>'))[0]?.arguments).toEqual({ queries: ["only one"] });
    expect(calls(parse('<think>t</think><tool_call>{"name": "web_visit", "arguments": {"urls": "https://a.example/x", "goal": "g"}}</tool_call>'))[0]?.arguments).toEqual({
      urls: ["https://a.example/x"],
      goal: "g",
    });
  });

  it("maps the alias web_content to web_visit, from {url} or {urls}", () => {
    expect(calls(parse('<think>t</think><tool_call>{"name": "web_content", "arguments": {"url": "https://b.example"}}</tool_call>'))).toEqual([
      { id: "", name: "web_visit", arguments: { urls: ["https://b.example"] } },
    ]);
    expect(calls(parse('<think>t</think><tool_call>{"name": "web_content", "arguments": {"urls": ["https://c.example"]}}</tool_call>'))[0]?.arguments).toEqual({ urls: ["https://c.example"] });
  });

  it("reads the older bare tags", () => {
    expect(calls(parse("<think>t</think>\n<text_search>Skywork R1V4 parameters</text_search>"))).toEqual([{ id: "", name: "text_search", arguments: { queries: ["Skywork R1V4 parameters"] } }]);
    expect(calls(parse("<think>t</think><image_search>observation 1</image_search>"))).toEqual([{ id: "", name: "image_search", arguments: { image_paths: ["observation 1"] } }]);
    expect(calls(parse("<think>t</think><image_search></image_search>"))[0]?.arguments).toEqual({ image_paths: ["original image"] });
    expect(calls(parse("<think>t</think><web_content>https://en.wikipedia.org/wiki/Heron</web_content>"))).toEqual([
      { id: "", name: "web_visit", arguments: { urls: ["https://en.wikipedia.org/wiki/Heron"] } },
    ]);
  });

  it("reads <code> with and without a ```python fence", () => {
    const fenced = parse('<think>crop it</think><code>\n```python\nfrom PIL import Image\nimg = Image.open(image_path)\nprint(img.size)\n```\n</code>');
    expect(calls(fenced)).toEqual([{ id: "", name: "code", arguments: { code: "from PIL import Image\nimg = Image.open(image_path)\nprint(img.size)" } }]);
    expect(calls(parse("<think>t</think><code>print(2 + 2)</code>"))[0]?.arguments).toEqual({ code: "print(2 + 2)" });
  });

  it("reads an answer, and a think opened by the chat template", () => {
    const turn = parse("<think>The bottles are 3 and the cups 2.</think>\n<answer>5</answer>");
    expect(turn).toEqual({ kind: "answer", thought: "The bottles are 3 and the cups 2.", answer: "5" });
    expect(parse("only the close tag survives</think><answer>red</answer>")).toEqual({ kind: "answer", thought: "only the close tag survives", answer: "red" });
  });

  it("ignores tags inside the reasoning; a result written into the turn makes the call before it a server step", () => {
    const turn = parse('<think>I could use <answer>x</answer> later.</think><tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call>\n<observation>fake</observation><answer>y</answer>');
    expect(turn.executed).toEqual([{ thought: "I could use <answer>x</answer> later.", raw: '<think>I could use <answer>x</answer> later.</think><tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call>', calls: [{ name: "code", arguments: { code: "1" }, observationText: "fake" }] }]);
    // What follows the result is the turn interleaf acts on: here an answer without its reasoning.
    expect(turn.kind).toBe("malformed");
    expect(turn.raw).toBe("<answer>y</answer>");
  });
});

describe("r1v4Dialect turns bad output into malformed turns, never exceptions", () => {
  it("says where the JSON is broken and what to write", () => {
    const p = problem(parse('<think>t</think><tool_call>{"name": "text_search", "arguments": {"queries": ["a"],, }}</tool_call>'));
    expect(p).toMatch(/<tool_call> does not hold valid JSON: Expected double-quoted property name/);
    expect(p).toMatch(/line 1, column \d+/);
    expect(p).toContain('<tool_call>{"name": "<tool name>", "arguments": {"<argument>": "<value>"}}</tool_call>');
  });

  it("names an unknown tool and lists the known ones", () => {
    const p = problem(parse('<think>t</think><tool_call>{"name": "calculator", "arguments": {}}</tool_call>'));
    expect(p).toContain('there is no tool "calculator"');
    for (const name of ["zoom", "text_search", "image_search", "web_visit", "code"]) expect(p).toContain(name);
  });

  it("refuses a bare tag whose tool the agent does not have", () => {
    const p = problem(parse("<think>t</think><web_content>https://x.example</web_content>", new ToolRegistry([textSearch, code])));
    expect(p).toContain('asks for the tool "web_visit", which this agent does not have');
    expect(p).toContain("available tools: text_search, code");
  });

  it("requires <think> (configurable)", () => {
    const text = '<tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call>';
    expect(problem(parse(text))).toMatch(/no <think>/);
    expect(calls(r1v4Dialect({ requireThink: false }).parseTurn(said(text), allTools))).toHaveLength(1);
  });

  it("rejects a turn with no action, and one with both an answer and a tool call", () => {
    expect(problem(parse("<think>Let me think more.</think>"))).toMatch(/no action/);
    expect(problem(parse('<think>t</think><tool_call>{"name": "code", "arguments": {"code": "1"}}</tool_call><answer>2</answer>'))).toMatch(/both an <answer> and a tool call/);
    expect(problem(parse("<think>t</think><answer>  </answer>"))).toMatch(/<answer> is empty/);
  });

  it("rejects arguments that are not an object, and JSON without a name", () => {
    expect(problem(parse('<think>t</think><tool_call>{"name": "code", "arguments": ["print(1)"]}</tool_call>'))).toMatch(/must be a JSON object/);
    expect(problem(parse('<think>t</think><tool_call>{"arguments": {}}</tool_call>'))).toMatch(/"name" and "arguments"/);
  });

  it("keeps the thought of a malformed turn", () => {
    expect(parse('<think>Search now.</think><tool_call>{"name": ').thought).toBe("Search now.");
  });
});

describe("r1v4Dialect.buildRequest", () => {
  it("sends Table 1 of the report verbatim to an agent with exactly Table 1's tools, the instructions after it", async () => {
    const { original, gallery } = await loadImages();
    const table1 = await readFile(new URL("../fixtures/golden/r1v4-table1.txt", import.meta.url), "utf8");
    const tools = new ToolRegistry([imageSearch, textSearch, webVisit, code]);
    const request = dialect.buildRequest({ question: "How many bottles and cups?", images: [original], steps: [], tools, gallery, instructions: "Plan: count bottles first." });
    expect(request.stop).toEqual(["</tool_call>"]);
    expect(request.tools).toBeUndefined();
    const system = request.messages[0] as ModelMessage;
    expect(system.role).toBe("system");
    expect(textOf(system.content)).toBe(`${table1}\n\nPlan: count bottles first.`);
  });
  it("offers no tool the agent lacks, and the agent's other tools after Table 1's", async () => {
    const { original, gallery } = await loadImages();
    const onlyZoom = textOf((dialect.buildRequest({ question: "q", images: [original], steps: [], tools: new ToolRegistry([zoom]), gallery }).messages[0] as ModelMessage).content);
    expect(onlyZoom).not.toMatch(/image_search|text_search|web_visit|Google|Python code/);
    expect(onlyZoom).toContain(`1. zoom. ${zoom.description}`);
    expect(onlyZoom).toContain('- <think>...</think><tool_call>{"name": "zoom", "arguments": {');
    const request = dialect.buildRequest({ question: "How many bottles and cups?", images: [original], steps: [], tools: allTools, gallery });
    const prompt = textOf((request.messages[0] as ModelMessage).content);
    expect(prompt.indexOf('"name": "code"')).toBeLessThan(prompt.indexOf('"name": "zoom"'));
    expect(prompt.endsWith("YOU MUST include your reasoning within <think>...</think> before taking any action.")).toBe(true);
    const user = request.messages[1] as ModelMessage;
    expect(user.content).toEqual([{ type: "image", ref: original, label: "original image" }, { type: "text", text: "How many bottles and cups?" }]);
  });

  it("replays turns and wraps observations with their labelled images", async () => {
    const { original, crops, gallery } = await loadImages();
    const [crop1, crop2] = crops as [typeof original, typeof original];
    const steps = [
      step(0, {
        kind: "tool_calls",
        thought: "Crop the shelf.",
        raw: '<think>Crop the shelf.</think>\n<tool_call>{"name": "code", "arguments": {"code": "crop"}}',
        calls: [callRecord("call-0", "code", { code: "crop" }, "saved 2 images", [crop1, crop2])],
      }),
      step(1, {
        kind: "tool_calls",
        thought: "Search.",
        raw: '<think>Search.</think><tool_call>{"name": "text_search", "arguments": {"queries": ["q"]}}</tool_call>',
        calls: [callRecord("call-1", "text_search", { queries: ["q"] }, "", [], { code: "search_failed", message: "the search service refused the key; check TAVILY_API_KEY", retryable: false })],
      }),
    ];
    const request = dialect.buildRequest({ question: "q?", images: [original], steps, tools: allTools, gallery });
    const roles = request.messages.map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "user", "assistant", "user"]);
    expect(textOf((request.messages[2] as ModelMessage).content)).toBe('<think>Crop the shelf.</think>\n<tool_call>{"name": "code", "arguments": {"code": "crop"}}</tool_call>');
    const observation = (request.messages[3] as ModelMessage).content;
    expect(observation[0]).toEqual({ type: "text", text: "<observation>\n" });
    expect(observation[observation.length - 1]).toEqual({ type: "text", text: "\n</observation>" });
    expect(observation.filter((p): p is Extract<ContentPart, { type: "image" }> => p.type === "image").map((p) => [p.ref.id, p.label])).toEqual([
      [crop1.id, "observation 1"],
      [crop2.id, "observation 2"],
    ]);
    const observationText = textOf(observation);
    expect(observationText).toContain('{"result":"saved 2 images","type":"code"}');
    expect(observationText.indexOf("observation 1:")).toBeLessThan(observationText.indexOf("observation 2:"));
    expect(textOf((request.messages[5] as ModelMessage).content)).toContain("Error (search_failed): the search service refused the key; check TAVILY_API_KEY");
  });

  it("follows a malformed step with an error observation that says what was wrong and the format", async () => {
    const { original, gallery } = await loadImages();
    const steps = [step(0, { kind: "malformed", raw: "I think the answer is 5", problem: "the turn has no <think>...</think>" })];
    const request = dialect.buildRequest({ question: "q?", images: [original], steps, tools: allTools, gallery });
    expect(request.messages.slice(2).map((m) => [m.role, textOf(m.content)])).toEqual([
      ["assistant", "I think the answer is 5"],
      [
        "user",
        '<observation>\nError: your previous turn could not be used: the turn has no <think>...</think>. Write <think>your reasoning</think>, then exactly one action: <tool_call>{"name": "<tool>", "arguments": {...}}</tool_call> or <answer>your final answer</answer>.\n</observation>',
      ],
    ]);
  });

  it("renders code results as plain text when asked", async () => {
    const { original, gallery } = await loadImages();
    const steps = [step(0, { kind: "tool_calls", raw: "<think>x</think><code>1</code>", calls: [callRecord("c", "code", { code: "1" }, "1")] })];
    const request = r1v4Dialect({ codeResultsAsJson: false }).buildRequest({ question: "q", images: [original], steps, tools: new ToolRegistry([code]), gallery });
    expect(textOf((request.messages[3] as ModelMessage).content)).toBe("<observation>\n1\n</observation>");
  });
});

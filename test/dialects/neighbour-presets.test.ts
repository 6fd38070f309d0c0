import { describe, expect, it } from "vitest";
import { ToolRegistry, type ModelMessage } from "interleaf";
import { textOf } from "../../src/models/messages.js";
import { ImageGallery } from "interleaf/images";
import { deepeyesDialect } from "../../src/dialects/presets/deepeyes-dialect.js";
import { DEEPEYES_V5_TURN_PROMPT } from "../../src/dialects/presets/deepeyes-prompts.js";
import { miniO3Dialect } from "../../src/dialects/presets/mini-o3-dialect.js";
import { MINI_O3_ERROR_PROMPT } from "../../src/dialects/presets/mini-o3-prompts.js";
import { mmsearchR1Dialect } from "../../src/dialects/presets/mmsearch-r1-dialect.js";
import { MMSEARCH_R1_AFTER_TEXT_SEARCH_PROMPT } from "../../src/dialects/presets/mmsearch-r1-prompts.js";
import { textProtocolDialect } from "../../src/dialects/text-protocol/text-protocol-dialect.js";
import { thymeDialect } from "../../src/dialects/presets/thyme-dialect.js";
import { THYME_SYSTEM_PROMPT } from "../../src/dialects/presets/thyme-prompts.js";
import { webwatcherDialect } from "../../src/dialects/presets/webwatcher-dialect.js";
import { type Dialect, type ParsedTurn } from "../../src/dialects/dialect.js";
import { allTools, callRecord, code, loadImages, said, step, textSearch, zoom } from "./agent-fixtures.js";

function calls(turn: ParsedTurn) {
  if (turn.kind !== "tool_calls") throw new Error(`expected tool calls, got ${turn.kind}: ${turn.kind === "malformed" ? turn.problem : ""}`);
  return turn.calls.map(({ name, arguments: args }) => ({ name, arguments: args }));
}

function problem(turn: ParsedTurn): string {
  if (turn.kind !== "malformed") throw new Error(`expected a malformed turn, got ${turn.kind}`);
  return turn.problem;
}

const parse = (dialect: Dialect, text: string, tools: ToolRegistry = allTools) => dialect.parseTurn(said(text), tools);

describe("DeepEyes", () => {
  const dialect = deepeyesDialect();
  it("runs image_zoom_in_tool as zoom on the original, keeping the label", () => {
    const turn = parse(dialect, '<think>The text is tiny.</think>\n<tool_call>\n{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [1250, 1030, 1360, 1070], "label": "licence plate"}}\n</tool_call>');
    expect(calls(turn)).toEqual([{ name: "zoom", arguments: { bbox_2d: [1250, 1030, 1360, 1070], label: "licence plate" } }]);
    expect(dialect.coordinates).toBe("pixels");
  });
  it("refuses the alias when the agent has no zoom tool", () => {
    const p = problem(parse(dialect, '<think>t</think><tool_call>{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [0, 0, 5, 5]}}</tool_call>', new ToolRegistry([textSearch])));
    expect(p).toContain('"image_zoom_in_tool" stands for the tool "zoom", which this agent does not have');
  });
  it("reads the call body as the loop does, with Python eval() semantics", () => {
    const body = "{'name': 'image_zoom_in_tool', 'arguments': {'bbox_2d': (10, 20, 110, 220,), 'label': None}}";
    expect(calls(parse(dialect, `<think>t</think><tool_call>${body}</tool_call>`))).toEqual([{ name: "zoom", arguments: { bbox_2d: [10, 20, 110, 220], label: null } }]);
    expect(problem(parse(dialect, "<think>t</think><tool_call>{'name': __import__('os')}</tool_call>"))).toContain("nor a Python literal");
  });
  it("V5: up to three calls a turn, each image in its own <tool_response>, then the V5 turn prompt", async () => {
    const v5 = deepeyesDialect({ loop: "v5" });
    const three = [1, 2, 3].map((n) => `<tool_call>{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [${n}, ${n}, ${n + 50}, ${n + 50}]}}</tool_call>`).join("\n");
    expect(calls(parse(v5, `<think>Three regions.</think>\n${three}`)).map((call) => call.name)).toEqual(["zoom", "zoom", "zoom"]);
    const four = `${three}\n<tool_call>{"name": "image_zoom_in_tool", "arguments": {"bbox_2d": [9, 9, 99, 99]}}</tool_call>`;
    expect(calls(parse(v5, `<think>Four.</think>${four}`)).map((call) => (call.arguments as { bbox_2d: number[] }).bbox_2d[0])).toEqual([1, 2, 3]);
    expect(calls(parse(dialect, `<think>Four.</think>${four}`)).map((call) => (call.arguments as { bbox_2d: number[] }).bbox_2d[0])).toEqual([1]);
    const { original, crops, gallery } = await loadImages();
    const steps = [step(0, { kind: "tool_calls", raw: `<think>two</think>${three}`, calls: crops.map((crop, i) => callRecord(`c${i}`, "zoom", { bbox_2d: [1, 2, 3, 4] }, "zoomed", [crop])) })];
    const request = v5.buildRequest({ question: "q", images: [original], steps, tools: new ToolRegistry([zoom]), gallery });
    const result = (request.messages[3] as ModelMessage).content;
    expect(textOf(result)).toBe(`<tool_response>\n\n</tool_response>\n<tool_response>\n\n</tool_response>\n${DEEPEYES_V5_TURN_PROMPT}`);
    expect(result.filter((part) => part.type === "image").map((part) => part.type === "image" && part.ref.id)).toEqual(crops.map((crop) => crop.id));
    expect(textOf((request.messages[0] as ModelMessage).content)).toContain("You may call **one or more** functions");
  });
});

describe("WebWatcher", () => {
  const dialect = webwatcherDialect();
  it("maps each of its tool names and argument shapes", () => {
    const cases: [string, { name: string; arguments: unknown }][] = [
      ['{"name": "web_search", "arguments": {"queries": ["heron species"]}}', { name: "text_search", arguments: { queries: ["heron species"] } }],
      ['{"name": "web_search", "arguments": {"query": "one query"}}', { name: "text_search", arguments: { queries: ["one query"] } }],
      ['{"name": "VLSearchImage", "arguments": {"images": ["observation 1"]}}', { name: "image_search", arguments: { image_paths: ["observation 1"] } }],
      ['{"name": "visit", "arguments": {"url": "https://a.example", "goal": "find the date"}}', { name: "web_visit", arguments: { urls: ["https://a.example"], goal: "find the date" } }],
      ['{"name": "visit", "arguments": {"url": ["https://a.example", "https://b.example"], "goal": "g"}}', { name: "web_visit", arguments: { urls: ["https://a.example", "https://b.example"], goal: "g" } }],
      ['{"name": "code_interpreter", "arguments": {"code": "print(3)"}}', { name: "code", arguments: { code: "print(3)" } }],
    ];
    for (const [json, expected] of cases) expect(calls(parse(dialect, `<think>t</think><tool_call>${json}</tool_call>`))).toEqual([expected]);
  });
  it("wraps results in <tool_response>", async () => {
    const { original, gallery } = await loadImages();
    const steps = [step(0, { kind: "tool_calls", raw: "<think>t</think><tool_call>{}</tool_call>", calls: [callRecord("a", "text_search", { queries: ["q"] }, "1. Heron - Wikipedia")] })];
    const request = dialect.buildRequest({ question: "q", images: [original], steps, tools: allTools, gallery });
    expect(textOf((request.messages[3] as ModelMessage).content)).toBe("<tool_response>1. Heron - Wikipedia</tool_response>");
    const prompt = textOf((request.messages[1] as ModelMessage).content);
    for (const name of ["web_search", "VLSearchImage", "visit", "code_interpreter"]) expect(prompt).toContain(`"name": "${name}"`);
  });
});

describe("Mini-o3", () => {
  const dialect = miniO3Dialect();
  it("runs <grounding> as zoom on the named source, with normalised coordinates", () => {
    expect(dialect.coordinates).toBe("normalized");
    expect(calls(parse(dialect, '<think>Look at the corner.</think><grounding>{"bbox_2d": [0.1, 0.2, 0.5, 0.6], "source": "observation_2"}</grounding>'))).toEqual([
      { name: "zoom", arguments: { bbox_2d: [0.1, 0.2, 0.5, 0.6], image: "observation_2" } },
    ]);
    expect(calls(parse(dialect, '<think>t</think><grounding>{"bbox_2d": [0, 0, 1, 1]}</grounding>'))[0]?.arguments).toEqual({ bbox_2d: [0, 0, 1, 1], image: "original image" });
  });
  it("says what is wrong with a grounding", () => {
    expect(problem(parse(dialect, '<think>t</think><grounding>{"source": "original_image"}</grounding>'))).toContain('<grounding>: the JSON needs "bbox_2d"');
    expect(problem(parse(dialect, "<think>t</think><grounding>[0.1, 0.2]</grounding>"))).toContain("must hold a JSON object");
    expect(problem(parse(dialect, '<think>t</think><tool_call>{"name": "zoom", "arguments": {}}</tool_call>'))).toMatch(/no action/);
  });
  it("frames a failed grounding as the loop does: the error, then its error prompt", async () => {
    const { original, gallery } = await loadImages();
    const error = { code: "invalid_argument", message: "the box is empty", retryable: false } as const;
    const steps = [step(0, { kind: "tool_calls", raw: "<think>z</think><grounding>{}</grounding>", calls: [callRecord("a", "zoom", {}, "", [], error)] })];
    const request = dialect.buildRequest({ question: "q", images: [original], steps, tools: allTools, gallery });
    expect(request.stop).toEqual(["</grounding>"]);
    expect(textOf((request.messages[3] as ModelMessage).content)).toBe(`ERROR occurs during grounding. Error Information: Error (invalid_argument): the box is empty.\n${MINI_O3_ERROR_PROMPT}`);
  });
});

describe("Thyme", () => {
  const dialect = thymeDialect();
  it("runs <code> as the code tool, with or without a fence", () => {
    const fenced = "<think>Crop the plate.</think>\n<code>\n```python\nimport cv2\nimg = cv2.imread(image_path)\ncrop = img[1030:1070, 1250:1360]\n```\n</code>";
    expect(calls(parse(dialect, fenced))).toEqual([{ name: "code", arguments: { code: "import cv2\nimg = cv2.imread(image_path)\ncrop = img[1030:1070, 1250:1360]" } }]);
    expect(calls(parse(dialect, "<think>t</think><code>print(1)"))).toEqual([{ name: "code", arguments: { code: "print(1)" } }]);
    expect(problem(parse(dialect, "<think>t</think><code>```python\n```</code>"))).toContain("the code is empty");
  });
  it("wraps results in <sandbox_output> and refuses code when the agent has no code tool", async () => {
    const { original, gallery } = await loadImages();
    const steps = [step(0, { kind: "tool_calls", raw: "<think>t</think><code>print(1)</code>", calls: [callRecord("a", "code", { code: "print(1)" }, "1")] })];
    const request = dialect.buildRequest({ question: "q", images: [original], steps, tools: new ToolRegistry([code]), gallery });
    // Appended to the model's own message, which it continues (Thyme's loop).
    expect(request.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(textOf((request.messages[2] as ModelMessage).content)).toBe("<think>t</think><code>print(1)</code><sandbox_output>1</sandbox_output>");
    expect(request.continueFinalMessage).toBe(true);
    expect(problem(parse(dialect, "<think>t</think><code>print(1)</code>", new ToolRegistry([zoom])))).toContain('asks for the tool "code", which this agent does not have');
  });
  it("keeps one <think> open across the reply: a second code round and the answer need no <think> of their own", () => {
    // The shape of Thyme's project-page cases: code inside the open think, generation cut at </code> and </answer>.
    const first = "<think>The licence plate is small. I will crop it.\n<code>\n```python\nfrom PIL import Image\nimg = Image.open(image_path)\nimg.crop((1250, 1030, 1360, 1070)).save('/mnt/data/temp_processed_images/plate.jpg')\nprint('/mnt/data/temp_processed_images/plate.jpg')\n```\n";
    const second = "The crop is blurry; I enhance its contrast.\n<code>\n```python\nprint('/mnt/data/temp_processed_images/plate_2.jpg')\n```\n";
    const last = "The plate reads AB-123.</think>\n<answer>AB-123";
    expect(calls(parse(dialect, first)).map((call) => call.name)).toEqual(["code"]);
    const secondTurn = parse(dialect, second);
    expect(calls(secondTurn).map((call) => call.name)).toEqual(["code"]);
    expect(secondTurn.thought).toBe("The crop is blurry; I enhance its contrast.");
    expect(parse(dialect, last)).toEqual({ kind: "answer", thought: "The plate reads AB-123.", answer: "AB-123" });
    expect(dialect.buildRequest({ question: "q", images: [], steps: [], tools: new ToolRegistry([code]), gallery: new ImageGallery([], []) }).stop).toEqual(["</code>", "</answer>"]);
  });
  it("asks as the loop does: User Image Path and User Image Size after the question", async () => {
    const { original, gallery } = await loadImages();
    const request = dialect.buildRequest({ question: "What is on the plate?", images: [original], steps: [], tools: new ToolRegistry([code]), gallery });
    const asked = textOf((request.messages[1] as ModelMessage).content);
    expect(asked).toContain(`<image>\nWhat is on the plate?\n\n### User Image Path:** "/mnt/data/original_image.jpg"\n### User Image Size:** "${original.width}x${original.height}"\n`);
    expect(textOf((request.messages[0] as ModelMessage).content)).toBe(THYME_SYSTEM_PROMPT);
  });
});

describe("MMSearch-R1", () => {
  const dialect = mmsearchR1Dialect();
  it("uses <reason> and maps <search><img></search> and <text_search>", () => {
    const image = parse(dialect, "<reason>I do not recognise this building.</reason>\n<search><img></search>");
    expect(image.thought).toBe("I do not recognise this building.");
    expect(calls(image)).toEqual([{ name: "image_search", arguments: { image_paths: ["original image"] } }]);
    expect(calls(parse(dialect, "<reason>r</reason><text_search>Marina Bay Sands height"))).toEqual([{ name: "text_search", arguments: { queries: ["Marina Bay Sands height"] } }]);
    expect(parse(dialect, "<reason>r</reason><answer>Singapore</answer>")).toEqual({ kind: "answer", thought: "r", answer: "Singapore" });
    expect(problem(parse(dialect, "<think>r</think><answer>x</answer>"))).toContain("no <reason>");
  });
  it("frames text-search results as the demo does, replaying the turn with the </text_search> a stop cut", async () => {
    const { original, gallery } = await loadImages();
    const steps = [step(0, { kind: "tool_calls", raw: "<reason>r</reason><text_search>Utzon architect", calls: [callRecord("a", "text_search", { queries: ["Utzon architect"] }, "snippet")] })];
    const request = dialect.buildRequest({ question: "who?", images: [original], steps, tools: allTools, gallery });
    expect(request.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(textOf((request.messages[1] as ModelMessage).content)).toBe("<reason>r</reason><text_search>Utzon architect</text_search>");
    expect(textOf((request.messages[2] as ModelMessage).content)).toBe(`Search Results: <information>snippet</information> Original question: who?\n${MMSEARCH_R1_AFTER_TEXT_SEARCH_PROMPT}`);
  });
});

describe("textProtocolDialect", () => {
  it("builds a custom dialect from the same options", () => {
    const dialect = textProtocolDialect({
      name: "custom",
      thinkTag: "thought",
      toolCallTag: "call",
      resultTag: "result",
      aliases: [{ name: "lookup", tool: "text_search", mapArguments: ({ q }) => ({ queries: q }) }],
    });
    expect(calls(parse(dialect, '<thought>t</thought><call>{"name": "lookup", "arguments": {"q": "x"}}</call>'))).toEqual([{ name: "text_search", arguments: { queries: ["x"] } }]);
    expect(dialect.buildRequest({ question: "q", images: [], steps: [], tools: allTools, gallery: new ImageGallery([], []) }).stop).toEqual(["</call>"]);
  });
});

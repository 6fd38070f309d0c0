import { describe, expect, it } from "vitest";
import { textOf } from "../../src/models/messages.js";
import { ToolRegistry, type ModelMessage } from "interleaf";
import { nativeDialect } from "../../src/dialects/native-dialect.js";
import { allTools, callRecord, loadImages, said, step, zoom } from "./agent-fixtures.js";

const dialect = nativeDialect();
const usage = { inputTokens: 0, outputTokens: 0 };

describe("nativeDialect.parseTurn", () => {
  it("keeps the model's call ids and takes the text as the thought", () => {
    const turn = dialect.parseTurn({ text: "Zoom on the plate.", toolCalls: [{ id: "call_abc", name: "zoom", arguments: { bbox_2d: [1, 2, 30, 40] } }], usage }, allTools);
    expect(turn).toEqual({ kind: "tool_calls", thought: "Zoom on the plate.", calls: [{ id: "call_abc", name: "zoom", arguments: { bbox_2d: [1, 2, 30, 40] } }] });
  });

  it("parses JSON-string arguments and wraps single values into lists", () => {
    const turn = dialect.parseTurn({ text: "", toolCalls: [{ id: "c1", name: "text_search", arguments: '{"queries": "heron"}' }], usage }, allTools);
    expect(turn.kind === "tool_calls" && turn.calls[0]?.arguments).toEqual({ queries: ["heron"] });
  });

  it("answers with text only, splitting off a <think> block", () => {
    expect(dialect.parseTurn(said("A grey heron."), allTools)).toEqual({ kind: "answer", thought: "", answer: "A grey heron." });
    expect(dialect.parseTurn(said("<think>Long neck, grey.</think>\nA grey heron."), allTools)).toEqual({ kind: "answer", thought: "Long neck, grey.", answer: "A grey heron." });
  });

  it("marks unknown tools, non-object arguments and empty replies as malformed", () => {
    const unknown = dialect.parseTurn({ text: "", toolCalls: [{ id: "c", name: "calculator", arguments: {} }], usage }, allTools);
    expect(unknown.kind === "malformed" && unknown.problem).toBe('there is no tool "calculator"; available tools: zoom, text_search, image_search, web_visit, code');
    const list = dialect.parseTurn({ text: "", toolCalls: [{ id: "c", name: "code", arguments: ["print(1)"] }], usage }, allTools);
    expect(list.kind === "malformed" && list.problem).toMatch(/^tool "code": the arguments must be a JSON object/);
    const broken = dialect.parseTurn({ text: "", toolCalls: [{ id: "c", name: "code", arguments: '{"code": "print(1)"' }], usage }, allTools);
    expect(broken.kind === "malformed" && broken.problem).toMatch(/not valid JSON.*at the end/);
    expect(dialect.parseTurn(said("  "), allTools).kind).toBe("malformed");
  });
});

describe("nativeDialect.buildRequest", () => {
  it("tells an agent only what its tools can do", async () => {
    const { original, gallery } = await loadImages();
    const promptFor = (tools: ToolRegistry) => textOf((dialect.buildRequest({ question: "q", images: [original], steps: [], tools, gallery }).messages[0] as ModelMessage).content);
    const onlyZoom = promptFor(new ToolRegistry([zoom]));
    expect(onlyZoom).toContain("You can call these tools: zoom. With them you can look closer at details by zooming or cropping; call");
    expect(onlyZoom).not.toMatch(/search|web|code/);
    expect(promptFor(allTools)).toContain("look closer at details by zooming or cropping, run code on images, search the web for text, search the web with images and read web pages");
  });
  it("sends the tool specs and a system prompt about images, boxes and answering", async () => {
    const { original, crops, gallery } = await loadImages();
    const steps = [
      step(0, {
        kind: "tool_calls",
        thought: "Zoom first.",
        calls: [callRecord("call_1", "zoom", { bbox_2d: [0, 0, 10, 10] }, "zoomed", [crops[0]!]), callRecord("call_2", "text_search", { queries: ["x"] }, "results")],
      }),
      step(1, { kind: "malformed", raw: "calling ???", problem: 'there is no tool "foo"' }),
    ];
    const request = dialect.buildRequest({ question: "What is it?", images: [original], steps, tools: allTools, gallery });
    expect(request.tools?.map((tool) => tool.name)).toEqual(["zoom", "text_search", "image_search", "web_visit", "code"]);
    expect(request.tools?.[0]?.parameters).toMatchObject({ type: "object", properties: { bbox_2d: { type: "array" } } });
    expect(request.stop).toBeUndefined();
    const prompt = textOf((request.messages[0] as ModelMessage).content);
    expect(prompt).toContain("bbox_2d");
    expect(prompt).toContain("absolute pixels of the named image");
    expect(prompt).toContain('"original image"');
    expect(prompt).toContain("answer in plain text");
    const [, user, assistant, tool1, tool2, badTurn, correction] = request.messages as ModelMessage[];
    expect(user?.content.map((part) => part.type)).toEqual(["image", "text"]);
    expect(assistant).toEqual({ role: "assistant", content: [{ type: "text", text: "Zoom first." }], toolCalls: [{ id: "call_1", name: "zoom", arguments: { bbox_2d: [0, 0, 10, 10] } }, { id: "call_2", name: "text_search", arguments: { queries: ["x"] } }] });
    expect(tool1).toMatchObject({ role: "tool", toolCallId: "call_1", toolName: "zoom" });
    expect(tool1?.content).toEqual([{ type: "text", text: "zoomed" }, { type: "text", text: "\nobservation 1:" }, { type: "image", ref: crops[0], label: "observation 1" }]);
    expect(tool2).toMatchObject({ role: "tool", toolCallId: "call_2", content: [{ type: "text", text: "results" }] });
    expect(badTurn).toEqual({ role: "assistant", content: [{ type: "text", text: "calling ???" }] });
    expect(correction?.role).toBe("user");
    expect(textOf(correction!.content)).toContain('could not be used: there is no tool "foo"');
  });

  it("describes normalised boxes when configured", async () => {
    const { original, gallery } = await loadImages();
    const request = nativeDialect({ coordinates: "normalized" }).buildRequest({ question: "q", images: [original], steps: [], tools: allTools, gallery });
    expect(nativeDialect({ coordinates: "normalized" }).coordinates).toBe("normalized");
    expect(textOf((request.messages[0] as ModelMessage).content)).toContain("fractions from 0 to 1");
  });
});

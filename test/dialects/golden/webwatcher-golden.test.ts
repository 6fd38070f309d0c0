import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ToolRegistry, type ImageRef } from "interleaf";
import { DEFAULT_MODEL_IMAGE_SIZING, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";
import { webwatcherDialect } from "../../../src/dialects/presets/webwatcher-dialect.js";
import { WEBWATCHER_RETRY } from "../../../src/dialects/presets/webwatcher-prompts.js";
import { callRecord, code, imageSearch, said, step, textSearch, webVisit } from "../agent-fixtures.js";
import { goldenAsSeen, interleafAsSeen, readGolden, type GoldenPart } from "./golden-requests.js";

// agent_eval.py: max_pixels 1024·28·28, min_pixels 256·28·28.
const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, minPixels: 256 * 28 * 28, maxPixels: 1024 * 28 * 28 };
const tools = new ToolRegistry([textSearch, imageSearch, webVisit, code]);

/** Images by placement only: WebWatcher pre-scales small images before the processor does (see docs/models.md). */
function placement(messages: { role: string; content: GoldenPart[] }[]) {
  return messages.map((message) => ({ role: message.role, content: message.content.map((part) => (part.type === "image" ? { type: "image" } : part)) }));
}

describe("WebWatcher golden requests (WebAgent/WebWatcher/infer/scripts_eval/agent_eval.py)", async () => {
  const golden = await readGolden("webwatcher");
  const results = golden.results as Record<string, string>;
  const resultSizes = golden.result_sizes as [number, number][];
  const dialect = webwatcherDialect({ imageUrl: golden.file_path as string });

  async function trajectory() {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await readFile(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));
    const found: ImageRef[] = [];
    for (const [i, [width, height]] of resultSizes.entries()) {
      const grey = i === 0 ? 90 : 160;
      found.push(await ingestImage(store, await sharp({ create: { width, height, channels: 3, background: { r: grey, g: grey, b: grey } } }).jpeg().toBuffer()));
    }
    const steps = [
      step(0, { kind: "tool_calls", raw: golden.script[0] as string, calls: [callRecord("c0", "image_search", { image_paths: ["original image"] }, results.VLSearchImage as string, found)] }),
      step(1, { kind: "tool_calls", raw: golden.script[1] as string, calls: [callRecord("c1", "text_search", { queries: ["Lantern Festival origin year"] }, results.web_search as string)] }),
      step(2, { kind: "tool_calls", raw: golden.script[2] as string, calls: [callRecord("c2", "code", { code: "print(2025 - 180 + 206)" }, results.PythonInterpreter as string)] }),
    ];
    return { store, original, found, gallery: new ImageGallery([original], found), steps };
  }

  it("sends, at every model call, the released loop's texts and image placement", async () => {
    const { store, original, gallery, steps } = await trajectory();
    expect(golden.requests).toHaveLength(4);
    for (const [turn, expected] of golden.requests.entries()) {
      const request = dialect.buildRequest({ question: golden.question, images: [original], steps: steps.slice(0, turn), tools, gallery });
      const ours = await interleafAsSeen(request, store, sizing);
      expect(placement(ours)).toEqual(placement(goldenAsSeen(expected, sizing)));
      expect(request.temperature).toBe(expected.sampling.temperature);
      expect(request.topP).toBe(expected.sampling.top_p);
      expect(request.stop).toBeUndefined();
      if (turn === 0) expect(ours).toEqual(goldenAsSeen(expected, sizing)); // the input image: same size too
    }
  });

  it("parses the scripted turns back to the loop's actions: image_urls naming the shown URL, PythonInterpreter", () => {
    const actions = golden.script.map((output) => dialect.parseTurn(said(output), tools));
    expect(actions.map((turn) => (turn.kind === "tool_calls" ? turn.calls.map(({ name, arguments: args }) => ({ name, args })) : turn.kind === "answer" ? turn.answer : turn.problem))).toEqual([
      [{ name: "image_search", args: { image_paths: ["original image"] } }],
      [{ name: "text_search", args: { queries: ["Lantern Festival origin year"] } }],
      [{ name: "code", args: { code: "print(2025 - 180 + 206)" } }],
      golden.answer,
    ]);
  });

  it("answers an unusable turn with the loop's retry line", async () => {
    const { original, gallery } = await trajectory();
    const steps = [step(0, { kind: "malformed", raw: "I think it is a festival.", problem: "no action" })];
    const request = dialect.buildRequest({ question: golden.question, images: [original], steps, tools, gallery });
    expect(request.messages.at(-1)).toEqual({ role: "user", content: [{ type: "text", text: WEBWATCHER_RETRY }] });
  });
});

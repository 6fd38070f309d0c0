import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ToolRegistry, type ImageRef } from "interleaf";
import { DEFAULT_MODEL_IMAGE_SIZING, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";
import { miniO3Dialect } from "../../../src/dialects/presets/mini-o3-dialect.js";
import { callRecord, said, step, zoom } from "../agent-fixtures.js";
import { goldenAsSeen, interleafAsSeen, readGolden } from "./golden-requests.js";

// The demo command of docs/mini_o3_demo.md: data.max_pixels=2000000, data.min_pixels=40000.
const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, maxPixels: 2_000_000, minPixels: 40_000 };
const tools = new ToolRegistry([zoom]);

describe("Mini-o3 golden requests (vllm_async_engine.py process_tool_call)", async () => {
  const golden = await readGolden("mini-o3");

  async function trajectory() {
    const store = new MemoryImageStore();
    const bytes = await readFile(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
    const original = await ingestImage(store, bytes);
    // The loop's crops: [0.1, 0.45, 0.75, 0.9] of 576×1024 → pixels (57, 460, 432, 921); then
    // [0, 0, 0.5, 0.5] of that 375×461 crop → (0, 0, 187, 230).
    const first = await sharp(bytes).extract({ left: 57, top: 460, width: 375, height: 461 }).png().toBuffer();
    const second = await sharp(first).extract({ left: 0, top: 0, width: 187, height: 230 }).png().toBuffer();
    const crops: ImageRef[] = [];
    for (const crop of [first, second]) crops.push(await ingestImage(store, crop, { provenance: { parent: original, op: { name: "crop", params: {} } } }));
    const steps = [
      step(0, { kind: "tool_calls", raw: stopCut(golden.script[0] as string), calls: [callRecord("c0", "zoom", { bbox_2d: [0.1, 0.45, 0.75, 0.9], image: "original_image" }, "zoomed", [crops[0] as ImageRef])] }),
      step(1, { kind: "tool_calls", raw: stopCut(golden.script[1] as string), calls: [callRecord("c1", "zoom", { bbox_2d: [0, 0, 0.5, 0.5], image: "observation_1" }, "zoomed", [crops[1] as ImageRef])] }),
    ];
    return { store, original, gallery: new ImageGallery([original], crops), steps };
  }

  /** What an OpenAI-compatible server returns: the output without its stop string. */
  function stopCut(output: string): string {
    return output.endsWith("</grounding>") ? output.slice(0, -"</grounding>".length) : output;
  }

  it("sends, at every model call, what the released loop sends (the cut </grounding> replayed)", async () => {
    const { store, original, gallery, steps } = await trajectory();
    const dialect = miniO3Dialect();
    expect(golden.requests).toHaveLength(3);
    for (const [turn, expected] of golden.requests.entries()) {
      const request = dialect.buildRequest({ question: golden.question, images: [original], steps: steps.slice(0, turn), tools, gallery });
      expect(await interleafAsSeen(request, store, sizing)).toEqual(goldenAsSeen(expected, sizing));
      expect({ stop: request.stop, temperature: request.temperature }).toEqual({ stop: expected.sampling.stop, temperature: expected.sampling.temperature });
    }
  });

  it("parses the scripted turns back to the loop's actions, single-quoted source included", () => {
    const dialect = miniO3Dialect();
    const actions = golden.script.map((output) => dialect.parseTurn(said(stopCut(output)), tools));
    expect(actions.map((turn) => (turn.kind === "tool_calls" ? turn.calls.map((call) => call.arguments) : turn.kind === "answer" ? turn.answer : turn.problem))).toEqual([
      [{ bbox_2d: [0.1, 0.45, 0.75, 0.9], image: "original_image" }],
      [{ bbox_2d: [0, 0, 0.5, 0.5], image: "observation_1" }],
      golden.answer,
    ]);
  });
});

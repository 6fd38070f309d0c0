import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "interleaf";
import { DEFAULT_MODEL_IMAGE_SIZING, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";
import { deepeyesDialect } from "../../../src/dialects/presets/deepeyes-dialect.js";
import { callRecord, said, step, zoom } from "../agent-fixtures.js";
import { goldenAsSeen, interleafAsSeen, readGolden } from "./golden-requests.js";

// DeepEyes' eval loop leaves sizing to the server's Qwen2.5-VL processor; its MAX_PIXELS is 16384·28·28.
const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, maxPixels: 16384 * 28 * 28 };
const tools = new ToolRegistry([zoom]);

describe("DeepEyes golden requests (eval/eval_vstar.py)", async () => {
  const golden = await readGolden("deepeyes");
  const options = golden.options as string[];
  // The loop's question text: "Question: ...\nOptions: " then "\nA. ...\nB. ...\n" (`instruction_prompt_before`).
  const question = `Question: ${golden.question}\nOptions: ${`\n${options.map((option, i) => `${"ABCDEF".charAt(i)}. ${option}\n`).join("")}`}\n`;

  async function trajectory() {
    const store = new MemoryImageStore();
    const bytes = await readFile(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
    const original = await ingestImage(store, bytes);
    const cropped = await sharp(bytes).extract({ left: 100, top: 500, width: 320, height: 400 }).png().toBuffer();
    const crop = await ingestImage(store, cropped, { provenance: { parent: original, op: { name: "crop", params: {} } } });
    const first = step(0, {
      kind: "tool_calls",
      raw: golden.script[0] as string,
      calls: [callRecord("c0", "zoom", { bbox_2d: [100, 500, 420, 900], label: "umbrella" }, "zoomed", [crop])],
    });
    return { store, original, gallery: new ImageGallery([original], [crop]), steps: [first] };
  }

  it("sends, at every model call, what the released loop sends", async () => {
    const { store, original, gallery, steps } = await trajectory();
    const dialect = deepeyesDialect();
    expect(golden.requests).toHaveLength(2);
    for (const [turn, expected] of golden.requests.entries()) {
      const request = dialect.buildRequest({ question, images: [original], steps: steps.slice(0, turn), tools, gallery });
      expect(await interleafAsSeen(request, store, sizing)).toEqual(goldenAsSeen(expected, sizing));
      expect({ temperature: request.temperature, max_tokens: request.maxTokens, stop: request.stop }).toEqual(expected.sampling);
    }
  });

  it("parses the scripted turns back to the loop's actions", () => {
    const dialect = deepeyesDialect();
    const first = dialect.parseTurn(said(golden.script[0] as string), tools);
    expect(first.kind === "tool_calls" && first.calls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "zoom", args: { bbox_2d: [100, 500, 420, 900], label: "umbrella" } },
    ]);
    const last = dialect.parseTurn(said(golden.script[1] as string), tools);
    expect(last.kind === "answer" && last.answer).toBe(golden.answer);
  });
});

import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ToolRegistry } from "interleaf";
import { DEFAULT_MODEL_IMAGE_SIZING, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";
import { thymeDialect } from "../../../src/dialects/presets/thyme-dialect.js";
import { callRecord, code, said, step } from "../agent-fixtures.js";
import { goldenAsSeen, interleafAsSeen, readGolden } from "./golden-requests.js";

// Thyme's loop sets no pixel bounds: qwen_vl_utils' defaults (4·28·28 to 16384·28·28) apply.
const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, maxPixels: 16384 * 28 * 28 };
const tools = new ToolRegistry([code]);

describe("Thyme golden requests (eval/VLMEvalKit/vlmeval/vlm/thyme/model.py)", async () => {
  const golden = await readGolden("thyme");
  const dialect = thymeDialect({ imageUrl: golden.image_path as string });
  const sandbox = golden.sandbox as { code: string; saved: { width: number; height: number }[] };

  async function trajectory() {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await readFile(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));
    const saved = sandbox.saved[0] as { width: number; height: number };
    const crop = await ingestImage(store, await sharp({ create: { ...saved, channels: 3, background: { r: 200, g: 200, b: 200 } } }).jpeg().toBuffer());
    // An OpenAI-compatible server returns the turn without its stop string: the replay closes </code> again.
    const raw = (golden.script[0] as string).replace(/<\/code>$/, "");
    const steps = [step(0, { kind: "tool_calls", raw, calls: [callRecord("c0", "code", { code: sandbox.code }, "/mnt/data/temp_processed_images/plate_crop.jpg", [crop])] })];
    return { store, original, gallery: new ImageGallery([original], [crop]), steps };
  }

  it("sends the first request byte for byte: system prompt, image, question with User Image Path and Size; its stops and sampling", async () => {
    const { store, original, gallery } = await trajectory();
    const expected = golden.requests[0]!;
    const request = dialect.buildRequest({ question: golden.question, images: [original], steps: [], tools, gallery });
    expect(await interleafAsSeen(request, store, sizing)).toEqual(goldenAsSeen(expected, sizing));
    expect({ stop: request.stop, temperature: request.temperature, maxTokens: request.maxTokens }).toEqual({
      stop: expected.sampling.stop_strings,
      temperature: expected.sampling.temperature,
      maxTokens: expected.sampling.max_new_tokens,
    });
  });

  it("after a code round, appends the sandbox output to the model's own message and asks it to continue, as the loop does", async () => {
    const { store, original, gallery, steps } = await trajectory();
    const expected = golden.requests[1]!;
    expect(expected.continue_final_message).toBe(true);
    const request = dialect.buildRequest({ question: golden.question, images: [original], steps, tools, gallery });
    expect(await interleafAsSeen(request, store, sizing)).toEqual(goldenAsSeen(expected, sizing));
    expect(request.continueFinalMessage).toBe(true);
  });

  it("parses the scripted turns back to the loop's actions, the open <think> included", () => {
    const first = dialect.parseTurn(said((golden.script[0] as string).replace(/<\/code>$/, "")), tools);
    expect(first.kind === "tool_calls" && first.calls.map((call) => call.arguments)).toEqual([{ code: sandbox.code }]);
    const last = dialect.parseTurn(said((golden.script[1] as string).replace(/<\/answer>$/, "")), tools);
    expect(last.kind === "answer" && last.answer).toBe(golden.answer);
  });
});

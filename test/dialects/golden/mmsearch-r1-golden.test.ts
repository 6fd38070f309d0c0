import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { ToolRegistry, type ImageRef } from "interleaf";
import { DEFAULT_MODEL_IMAGE_SIZING, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";
import { mmsearchR1Dialect } from "../../../src/dialects/presets/mmsearch-r1-dialect.js";
import { MMSEARCH_R1_UNABLE } from "../../../src/dialects/presets/mmsearch-r1-prompts.js";
import { callRecord, imageSearch, said, step, textSearch } from "../agent-fixtures.js";
import { goldenAsSeen, interleafAsSeen, readGolden } from "./golden-requests.js";

// The demo passes "max_pixels": 672*672 with every image; qwen_vl_utils' default min_pixels is 4·28·28.
const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, maxPixels: 672 * 672 };
const tools = new ToolRegistry([imageSearch, textSearch]);

describe("MMSearch-R1 golden requests (mmsearch_r1/scripts/inference_torch_demo.py)", async () => {
  const golden = await readGolden("mmsearch-r1");

  async function trajectory() {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await readFile(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));
    // The repository's placeholder image search: three 64×64 grey images.
    const found: ImageRef[] = [];
    for (const grey of [100, 130, 160]) {
      const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: grey, g: grey, b: grey } } }).png().toBuffer();
      found.push(await ingestImage(store, bytes));
    }
    const results = [1, 2, 3].map((n) => ({ title: `Webpage Title ${n}`, link: `https://example.org/${n}`, image: `https://example.org/${n}.png` }));
    const search = callRecord("c0", "image_search", { image_paths: ["original image"] }, "Visual matches for \"original image\": ...", found);
    search.observation.data = { images: [{ image: "original image", results }] };
    const steps = [step(0, { kind: "tool_calls", raw: golden.script[0] as string, calls: [search] })];
    return { store, original, gallery: new ImageGallery([original], found), steps };
  }

  it("sends, at every model call, what the released demo sends (no system message: the template's default)", async () => {
    const { store, original, gallery, steps } = await trajectory();
    const dialect = mmsearchR1Dialect();
    expect(golden.requests).toHaveLength(2);
    for (const [turn, expected] of golden.requests.entries()) {
      const request = dialect.buildRequest({ question: golden.question, images: [original], steps: steps.slice(0, turn), tools, gallery });
      expect(await interleafAsSeen(request, store, sizing)).toEqual(goldenAsSeen(expected, sizing));
      expect({ max_new_tokens: request.maxTokens, do_sample: request.temperature !== 0, stop: request.stop }).toEqual({ ...expected.sampling, stop: undefined });
    }
  });

  it("parses the scripted turns back to the demo's actions", () => {
    const dialect = mmsearchR1Dialect();
    const first = dialect.parseTurn(said(golden.script[0] as string), tools);
    expect(first.kind === "tool_calls" && first.calls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([{ name: "image_search", args: { image_paths: ["original image"] } }]);
    const last = dialect.parseTurn(said(golden.script[1] as string), tools);
    expect(last.kind === "answer" && last.answer).toBe(golden.answer);
  });

  it("ends with the after-text-search warning as an answer, not a malformed turn", () => {
    const turn = mmsearchR1Dialect().parseTurn(said(`<reason>The results do not say who built it.</reason> ${MMSEARCH_R1_UNABLE}.`), tools);
    expect(turn).toEqual({ kind: "answer", thought: "The results do not say who built it.", answer: MMSEARCH_R1_UNABLE });
  });
});

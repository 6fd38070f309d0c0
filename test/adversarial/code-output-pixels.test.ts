// One code call's images share a pixel budget (100 MP): each kept image is decoded whole when stored and
// again for later requests, so sixteen 10000×10000 PNGs of a few KB each must not all be kept.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MemoryImageStore } from "interleaf/storage";
import { codeTool } from "interleaf/nodes";
import { createToolContext } from "interleaf/testing";
import type { CodeSandbox } from "interleaf";
import type { SandboxResult } from "interleaf/sandbox";
import { ingestImage } from "../../src/images/ingest.js";

const png = (side: number, shade: number) => sharp({ create: { width: side, height: side, channels: 3, background: { r: shade, g: 90, b: 200 } }, limitInputPixels: false }).png().toBuffer();

/** A sandbox that hands back the given images as one run's output. */
function handingBack(images: Buffer[]): CodeSandbox {
  const saved = images.map((bytes, i) => ({ path: `/work/out_${i}.png`, workPath: `out_${i}.png`, printed: true, mime: "image/png", bytes: new Uint8Array(bytes) }));
  return {
    specificationVersion: "v1",
    name: "stand-in",
    async run(): Promise<SandboxResult> {
      return { status: "ok", exitCode: 0, signal: null, stdout: "", stderr: "", stdoutBytes: 0, stderrBytes: 0, images: saved, skippedImages: [], cropAdjustments: [], workDir: "/work", inputDir: "/mnt/inputs", durationMs: 1 };
    },
  };
}

describe("the images of one code call", () => {
  it("are kept up to 100 megapixels in all; the rest are listed as not kept, with the reason", async () => {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await png(64, 0));
    const tool = codeTool({ sandbox: handingBack([await png(6000, 10), await png(6000, 20), await png(6000, 30)]) });
    const output = await tool.execute(tool.input.parse({ code: "print('saved')" }), createToolContext({ images: store, inputs: [original] }));
    expect(output.images).toHaveLength(2);
    expect(output.text).toMatch(/out_2\.png/);
    expect(output.text).toMatch(/100 megapixels in all/);
  });
});

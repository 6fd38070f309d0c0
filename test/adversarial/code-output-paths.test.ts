// A path the model's code printed is model output: however it is spelled, it must not disable the code
// tool for the rest of the thread.
import { describe, expect, it } from "vitest";
import { MemoryImageStore } from "interleaf/storage";
import { createToolContext } from "interleaf/testing";
import { type ImageRef, type ToolOutput } from "../../src/index.js";
import { createLocalSandbox } from "../../src/sandbox/index.js";
import { codeTool } from "../../nodes/code/index.js";
import { ingestImage } from "../../src/images/ingest.js";
import sharp from "sharp";

const tool = codeTool({ sandbox: createLocalSandbox({ limits: { wallMs: 30_000 } }) });

describe("paths printed by code", () => {
  it.each([
    ["a double slash", "/mnt/data//temp_processed_images/y.png", "temp_processed_images/y.png"],
    ["a dot segment", "/mnt/data/./temp_processed_images/z.png", "temp_processed_images/z.png"],
    ["a trailing parent segment", "/mnt/data/temp_processed_images/../w.png", "w.png"],
  ])("with %s: the next code call still runs and finds the image where it was saved", async (_what, written, relative) => {
    const store = new MemoryImageStore();
    const original = await ingestImage(store, await sharp({ create: { width: 400, height: 300, channels: 3, background: "#208040" } }).png().toBuffer());
    const run = (code: string, produced: ImageRef[]): Promise<ToolOutput> =>
      tool.execute(tool.input.parse({ code }), createToolContext({ images: store, inputs: [original], produced }));

    const first = await run(["from PIL import Image", `p = "${written}"`, "Image.open(image_path).crop((0, 0, 200, 150)).save(p)", "print(p)"].join("\n"), []);
    expect(first.images).toHaveLength(1);

    const second = await run(["from PIL import Image", `print(Image.open("/mnt/data/${relative}").size)`].join("\n"), first.images ?? []);
    expect(second.text).toContain("(200, 150)");
  });
});

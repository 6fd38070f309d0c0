import sharp from "sharp";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { InterleafError } from "../../src/errors/index.js";
import { createImageEngine } from "../../src/images/image-engine.js";
import { boxFromSentImage, prepareModelImage } from "../../src/images/prepare-model-image.js";
import { RasterCache } from "../../src/images/raster-cache.js";
import { modelInputSize } from "../../src/images/model-input-size.js";
import { ToolRegistry } from "../../src/tools/tool-registry.js";
import { imageOperationTool, visualTools } from "../../nodes/visual/index.js";
import { VisualSession, fixture } from "./helpers.js";

describe("raster cache", () => {
  const raster = (bytes: number) => ({ data: Buffer.alloc(bytes), width: bytes / 3, height: 1, channels: 3 as const });

  it("evicts the least recently used rasters to stay within its byte budget", () => {
    const cache = new RasterCache(900);
    cache.set("a", raster(300));
    cache.set("b", raster(300));
    cache.set("c", raster(300));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("d", raster(300)); // evicts b
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")).toBeDefined();
    expect(cache.stats()).toMatchObject({ bytes: 900, entries: 3, evictions: 1 });
    cache.set("huge", raster(1200));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.stats().bytes).toBe(900);
  });

  it("decodes again after eviction and gives the same pixels", async () => {
    const s = new VisualSession({ cacheBytes: 8 * 1024 * 1024 }); // smaller than one 4000×2700 raster (32 MB)
    await s.addInput(fixture("blackmug.JPG"));
    const crop = s.tool("crop");
    const first = await s.run(crop, { bbox_2d: [0, 0, 300, 300] });
    const second = await s.run(crop, { bbox_2d: [0, 0, 300, 300] });
    expect(s.engine.stats().decodes).toBe(2);
    expect(second.images![0]!.id).toBe(first.images![0]!.id);
  });

  it("shares one decode between concurrent operations on the same image", async () => {
    const s = new VisualSession();
    await s.addInput(fixture("vending_machine.jpg"));
    const crop = s.tool("crop");
    await Promise.all([0, 1, 2, 3].map((i) => crop.execute(crop.input.parse({ bbox_2d: [i * 100, 0, i * 100 + 80, 80] }), s.context())));
    expect(s.engine.stats().decodes).toBe(1);
  });
});

describe("model input sizing", () => {
  it("resizes to the pixel budget and reports the token estimate", async () => {
    const s = new VisualSession();
    const ref = await s.addInput(fixture("blackmug.JPG"));
    const sent = await prepareModelImage(s.store, ref, undefined, { engine: s.engine });
    expect([sent.width, sent.height, sent.tokens]).toEqual([1204, 812, 1247]);
    expect(sent).toMatchObject(modelInputSize(4000, 2700));
    const meta = await sharp(sent.bytes).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([1204, 812, "jpeg"]);
    expect(sent.unchanged).toBe(false);
  });

  it("sends bytes unchanged when they already fit, and re-encodes oriented or alpha images", async () => {
    const s = new VisualSession();
    const fits = await sharp({ create: { width: 560, height: 280, channels: 3, background: "teal" } }).jpeg().toBuffer();
    const ref = await s.addInput(fits);
    const sent = await prepareModelImage(s.store, ref, undefined, { engine: s.engine });
    expect(sent.unchanged).toBe(true);
    expect(Buffer.compare(sent.bytes, fits)).toBe(0);
    const rotated = await sharp(fits).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const turned = await prepareModelImage(s.store, await s.addInput(rotated), undefined, { engine: s.engine });
    expect(turned.unchanged).toBe(false);
    expect([turned.width, turned.height]).toEqual([280, 560]);
    const transparent = await sharp({ create: { width: 56, height: 56, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    const flattened = await prepareModelImage(s.store, await s.addInput(transparent), undefined, { engine: s.engine });
    const { data, info } = await sharp(flattened.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect(data[0]).toBe(255);
  });

  it("maps boxes given on the sent image back to the real one, through the tool context too", async () => {
    expect(boxFromSentImage([0, 0, 1204, 812], { width: 4000, height: 2700 })).toEqual([0, 0, 4000, 2700]);
    const s = new VisualSession();
    s.pixelSpace = "sent";
    await s.addInput(fixture("blackmug.JPG"));
    const out = await s.run(s.tool("crop"), { bbox_2d: [301, 203, 903, 609] }); // centre of the sent 1204×812
    expect(out.images![0]!.toOrigin).toEqual([1, 0, 1000, 0, 1, 675]);
    expect([out.images![0]!.width, out.images![0]!.height]).toEqual([2000, 1350]);
  });
});

describe("imageOperationTool and visualTools", () => {
  it("lets users add an operation with the same contract as the built-ins", async () => {
    const posterize = imageOperationTool(
      {
        name: "posterize",
        description: "Reduces each channel to a few levels.",
        input: z.object({ levels: z.number().int().min(2).max(64).default(4) }),
        async apply(raster, { levels }, context) {
          const step = 255 / (levels - 1);
          const data = Buffer.from(raster.data.map((v) => Math.round(Math.round(v / step) * step)));
          return { raster: { ...raster, data }, params: { levels }, graphic: context.image.mime === "image/png" };
        },
      },
      { engine: createImageEngine({ encoding: "png" }) },
    );
    const s = new VisualSession();
    await s.addInput(fixture("r1v4_demo_5.jpg"));
    await s.run(s.tool("crop"), { bbox_2d: [100, 100, 300, 300] });
    const out = await s.run(posterize, { levels: 2, image: "observation 1" });
    const ref = out.images![0]!;
    expect(ref.op).toEqual({ name: "posterize", params: { levels: 2 } });
    expect(ref.parent).toBe(s.produced[0]!.id);
    expect(ref.toOrigin).toEqual([1, 0, 100, 0, 1, 100]);
    expect(out.text).toContain("Applied posterize to observation 1");
    expect(out.text).toContain("[100, 100, 300, 300]");
    const px = await s.pixels(ref);
    expect(px.data.every((v) => v === 0 || v === 255)).toBe(true);
    // Failures inside apply become typed tool errors.
    const broken = imageOperationTool({
      name: "broken",
      description: "Always fails.",
      input: z.object({}),
      async apply() {
        throw new Error("kaboom");
      },
    });
    const error = await s.run(broken, {}).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error)).toBe(true);
    expect((error as InterleafError).code).toBe("tool_failed");
    expect((error as InterleafError).message).toContain("kaboom");
  });

  it("lists every tool with a snake_case name and a JSON schema using bbox_2d and image", () => {
    const registry = new ToolRegistry(visualTools());
    expect(registry.names()).toEqual([
      "crop", "zoom", "rotate", "flip", "resize", "adjust", "sharpen", "denoise", "grayscale", "invert",
      "threshold", "equalize", "edges", "annotate", "grid", "split_tiles", "measure_color", "measure_size",
    ]);
    const crop = registry.specs().find((spec) => spec.name === "crop")!;
    const properties = (crop.parameters as { properties: Record<string, unknown>; required: string[] }).properties;
    expect(Object.keys(properties)).toEqual(expect.arrayContaining(["bbox_2d", "image", "label"]));
    expect((crop.parameters as { required: string[] }).required).toEqual(["bbox_2d"]);
    expect(visualTools({ only: ["zoom", "crop"] }).map((t) => t.name)).toEqual(["crop", "zoom"]);
  });

  it("rejects malformed arguments at parse time", () => {
    const [crop] = visualTools({ only: ["crop"] });
    expect(crop!.input.safeParse({ bbox_2d: [1, 2, 3] }).success).toBe(false);
    expect(crop!.input.safeParse({ bbox_2d: ["a", 2, 3, 4] }).success).toBe(false);
    expect(crop!.input.safeParse({ bbox_2d: [1, 2, 3, 4], image: null }).success).toBe(true);
  });
});

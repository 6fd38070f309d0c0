import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { InterleafError } from "../../src/errors/index.js";
import { VisualSession, fixture, sharpExtract } from "./helpers.js";

async function flat(width: number, height: number, colour: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: colour[0], g: colour[1], b: colour[2] } } }).png().toBuffer();
}

describe("annotate", () => {
  it("draws boxes and points on a copy, losslessly, with the same geometry", async () => {
    const s = new VisualSession();
    await s.addInput(await flat(400, 300, [128, 128, 128]));
    const out = await s.run(s.tool("annotate"), {
      boxes: [{ bbox_2d: [50, 60, 250, 200], label: "sign <b>&amp;", color: "red" }],
      points: [{ point_2d: [320, 240], label: "1", color: "#00ff00" }],
    });
    const ref = out.images![0]!;
    expect(ref.mime).toBe("image/png");
    expect([ref.width, ref.height]).toEqual([400, 300]);
    expect(ref.toOrigin).toEqual([1, 0, 0, 0, 1, 0]);
    const px = await s.pixels(ref);
    const at = (x: number, y: number) => [...px.data.subarray((y * 400 + x) * 3, (y * 400 + x) * 3 + 3)];
    expect(at(150, 200)).toEqual([255, 0, 0]); // on the bottom edge of the box
    expect(at(150, 130)).toEqual([128, 128, 128]); // inside: untouched
    expect(at(320, 240)).toEqual([0, 255, 0]); // the point
    expect(at(10, 10)).toEqual([128, 128, 128]);
    expect(out.text).toContain("Drew 1 box and 1 point");
    const empty = await s.run(s.tool("annotate"), {}).catch((e: unknown) => e);
    expect((empty as InterleafError).code).toBe("invalid_argument");
  });

  it("notes marks outside the image and honours the coordinate convention", async () => {
    const s = new VisualSession();
    s.coordinates = "qwen1000";
    await s.addInput(await flat(400, 200, [0, 0, 0]));
    const out = await s.run(s.tool("annotate"), { boxes: [{ bbox_2d: [500, 500, 1200, 900], color: "white" }] });
    expect(out.text).toContain("extends past the image");
    const px = await s.pixels(out.images![0]!);
    expect(px.data[(100 * 400 + 200) * 3]).toBe(255); // top-left corner of the box at (200, 100)
  });
});

describe("grid", () => {
  it("labels lines in the dialect's coordinates", async () => {
    const s = new VisualSession();
    await s.addInput(fixture("r1v4_demo_2.jpg")); // 2560×1600
    const pixels = await s.run(s.tool("grid"), {});
    expect((pixels.data as { step: number; x_lines: number[] }).step).toBe(500);
    expect((pixels.data as { x_lines: number[] }).x_lines).toEqual([500, 1000, 1500, 2000, 2500]);
    expect(pixels.images![0]!.mime).toBe("image/png");
    s.coordinates = "normalized";
    const normalized = await s.run(s.tool("grid"), { divisions: 4 });
    expect((normalized.data as { x_lines: number[] }).x_lines).toEqual([0.25, 0.5, 0.75]);
    // The line at x = 0.5 is drawn at pixel 1280 of the copy.
    const px = await s.pixels(normalized.images![0]!);
    const original = await s.engine.raster(s.inputs[0]!, s.store);
    const o = (800 * 2560 + 1280) * 3;
    expect(Math.abs((px.data[o] as number) - (original.data[o] as number)) + Math.abs((px.data[o + 1] as number) - (original.data[o + 1] as number))).toBeGreaterThan(30);
  });
});

describe("split_tiles", () => {
  it("returns exact tiles row by row, each mapped into the original", async () => {
    const s = new VisualSession({ encoding: "png" });
    const bytes = fixture("animate_glass.jpg"); // 1920×830
    await s.addInput(bytes);
    const out = await s.run(s.tool("split_tiles"), { rows: 2, cols: 3 });
    expect(out.images).toHaveLength(6);
    const tiles = (out.data as { tiles: number[][] }).tiles;
    expect(tiles[0]).toEqual([0, 0, 640, 415]);
    expect(tiles[5]).toEqual([1280, 415, 1920, 830]);
    const last = out.images![5]!;
    expect(last.toOrigin).toEqual([1, 0, 1280, 0, 1, 415]);
    expect(Buffer.compare((await s.pixels(last)).data, await sharpExtract(bytes, [1280, 415, 1920, 830]))).toBe(0);
    expect(out.text).toContain("Produced 6 images");
    const overlapping = await s.run(s.tool("split_tiles"), { rows: 1, cols: 2, overlap: 0.25 });
    expect((overlapping.data as { tiles: number[][] }).tiles).toEqual([
      [0, 0, 1200, 830],
      [720, 0, 1920, 830],
    ]);
  });
});

describe("measurements", () => {
  it("measure_color returns numbers for a region: mean, spread, name, histogram", async () => {
    const s = new VisualSession();
    const left = Buffer.alloc(100 * 50 * 3);
    for (let i = 0; i < 100 * 50; i++) left.set(i % 100 < 50 ? [200, 30, 30] : [20, 40, 220], i * 3);
    await s.addInput(await sharp(left, { raw: { width: 100, height: 50, channels: 3 } }).png().toBuffer());
    const red = await s.run(s.tool("measure_color"), { bbox_2d: [0, 0, 50, 50], bins: 4 });
    expect(red.images).toBeUndefined();
    const data = red.data as { mean: { r: number; g: number; b: number }; hex: string; name: string; histogram: { r: number[] }; pixels: number };
    expect(data.mean).toEqual({ r: 200, g: 30, b: 30 });
    expect(data.hex).toBe("#c81e1e");
    expect(data.name).toBe("red");
    expect(data.pixels).toBe(2500);
    expect(data.histogram.r).toEqual([0, 0, 0, 2500]);
    expect(red.text).toContain("≈ red");
    const whole = await s.run(s.tool("measure_color"), {});
    expect((whole.data as { mean: { r: number } }).mean.r).toBe(110);
    expect((whole.data as { std: { r: number } }).std.r).toBe(90);
    const blue = await s.run(s.tool("measure_color"), { bbox_2d: [60, 10, 90, 40] });
    expect((blue.data as { name: string }).name).toBe("blue");
  });

  it("measure_size reports size, sent size with tokens, and the box in the original", async () => {
    const s = new VisualSession();
    await s.addInput(fixture("blackmug.JPG"));
    const size = await s.run(s.tool("measure_size"), {});
    expect(size.data).toMatchObject({ width: 4000, height: 2700, mime: "image/jpeg", label: "original image" });
    const sent = (size.data as { model_input: { width: number; height: number; tokens: number } }).model_input;
    expect(sent.width % 28).toBe(0);
    expect(sent.tokens).toBeLessThanOrEqual(1280);
    expect(size.text).toContain("4000×2700");
    await s.run(s.tool("crop"), { bbox_2d: [1000, 500, 1300, 900] });
    const crop = await s.run(s.tool("measure_size"), { image: "observation 1" });
    expect(crop.data).toMatchObject({ width: 300, height: 400, box_in_original: [1000, 500, 1300, 900] });
  });
});

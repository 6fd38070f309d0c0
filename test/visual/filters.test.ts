import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { InterleafError } from "../../src/errors/index.js";
import type { Raster } from "../../src/images/raster.js";
import { VisualSession, fixture } from "./helpers.js";

function mean(raster: Raster): number {
  let sum = 0;
  for (let i = 0; i < raster.data.length; i++) sum += raster.data[i] as number;
  return sum / raster.data.length;
}

function std(raster: Raster): number {
  const m = mean(raster);
  let sum = 0;
  for (let i = 0; i < raster.data.length; i++) sum += ((raster.data[i] as number) - m) ** 2;
  return Math.sqrt(sum / raster.data.length);
}

/** Mean absolute difference between horizontally adjacent samples: high for sharp images. */
function detail(raster: Raster): number {
  let sum = 0;
  const c = raster.channels;
  for (let i = c; i < raster.data.length; i++) sum += Math.abs((raster.data[i] as number) - (raster.data[i - c] as number));
  return sum / raster.data.length;
}

async function session(photo = "animate_glass.jpg") {
  const s = new VisualSession({ encoding: "png" });
  const input = await s.addInput(fixture(photo));
  const original = await s.engine.raster(input, s.store);
  return { s, original };
}

describe("pixel operations", () => {
  it("adjust: brightness, contrast, gamma and saturation move the right statistics", async () => {
    const { s, original } = await session();
    const adjust = s.tool("adjust");
    const brighter = await s.pixels((await s.run(adjust, { brightness: 1.4 })).images![0]!);
    expect(mean(brighter)).toBeGreaterThan(mean(original) + 10);
    const flatter = await s.pixels((await s.run(adjust, { contrast: 0.5 })).images![0]!);
    expect(std(flatter)).toBeLessThan(std(original) * 0.6);
    const lifted = await s.pixels((await s.run(adjust, { gamma: 2 })).images![0]!);
    expect(mean(lifted)).toBeGreaterThan(mean(original));
    const grey = await s.pixels((await s.run(adjust, { saturation: 0 })).images![0]!);
    for (let i = 0; i < grey.data.length; i += 3 * 101) {
      expect(Math.abs((grey.data[i] as number) - (grey.data[i + 1] as number))).toBeLessThanOrEqual(1);
      expect(Math.abs((grey.data[i + 1] as number) - (grey.data[i + 2] as number))).toBeLessThanOrEqual(1);
    }
    const out = await s.run(adjust, { brightness: 1.2, contrast: 1.3 });
    expect(out.images![0]!.op).toEqual({ name: "adjust", params: { brightness: 1.2, contrast: 1.3 } });
    expect(out.images![0]!.toOrigin).toEqual([1, 0, 0, 0, 1, 0]);
    const none = await s.run(adjust, {}).catch((e: unknown) => e);
    expect((none as InterleafError).code).toBe("invalid_argument");
  });

  it("sharpen adds detail, denoise removes salt-and-pepper noise", async () => {
    const { s, original } = await session();
    const sharpened = await s.pixels((await s.run(s.tool("sharpen"), { sigma: 1.5 })).images![0]!);
    expect(detail(sharpened)).toBeGreaterThan(detail(original));
    // Salt and pepper on a flat grey image.
    const noisy = Buffer.alloc(100 * 100 * 3, 128);
    for (let i = 0; i < 400; i++) noisy.fill(i % 2 ? 255 : 0, ((i * 7919) % 10_000) * 3, ((i * 7919) % 10_000) * 3 + 3);
    const n = new VisualSession({ encoding: "png" });
    await n.addInput(await sharp(noisy, { raw: { width: 100, height: 100, channels: 3 } }).png().toBuffer());
    const cleaned = await n.pixels((await n.run(n.tool("denoise"), { size: 3 })).images![0]!);
    const off = cleaned.data.filter((v) => Math.abs(v - 128) > 10).length;
    expect(off).toBeLessThan(30);
    expect(() => n.tool("denoise").input.parse({ size: 4 })).toThrow();
  });

  it("grayscale, invert and threshold", async () => {
    const { s, original } = await session();
    const grey = (await s.run(s.tool("grayscale"), {})).images![0]!;
    const g = await s.pixels(grey);
    expect(g.data[0]).toBe(g.data[1]);
    expect(Math.abs((g.data[3000] as number) - Math.round(0.299 * (original.data[3000] as number) + 0.587 * (original.data[3001] as number) + 0.114 * (original.data[3002] as number)))).toBeLessThanOrEqual(0);
    const inverted = await s.pixels((await s.run(s.tool("invert"), {})).images![0]!);
    expect(inverted.data.every((v, i) => v === 255 - (original.data[i] as number))).toBe(true);
    const out = await s.run(s.tool("threshold"), {});
    const mask = await s.pixels(out.images![0]!);
    expect(mask.data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(out.images![0]!.mime).toBe("image/png");
    const level = (out.data as { level: number }).level;
    expect(level).toBeGreaterThan(20);
    expect(level).toBeLessThan(235);
    const fixed = await s.run(s.tool("threshold"), { value: 100, invert: true });
    expect(fixed.text).toContain("grey level 100, inverted");
  });

  it("equalize spreads the histogram; CLAHE raises local contrast", async () => {
    const dark = Buffer.alloc(200 * 100 * 3);
    for (let i = 0; i < 200 * 100; i++) dark.fill(40 + ((i % 200) >> 3), i * 3, i * 3 + 3); // values 40..64
    const s = new VisualSession({ encoding: "png" });
    await s.addInput(await sharp(dark, { raw: { width: 200, height: 100, channels: 3 } }).png().toBuffer());
    const global = await s.pixels((await s.run(s.tool("equalize"), { method: "global" })).images![0]!);
    expect(Math.min(...global.data)).toBeLessThan(15);
    expect(Math.max(...global.data)).toBeGreaterThan(240);
    const { s: photo, original } = await session("vending_machine.jpg");
    const clahe = await photo.pixels((await photo.run(photo.tool("equalize"), {})).images![0]!);
    expect(std(clahe)).toBeGreaterThan(std(original) * 0.9);
    expect(detail(clahe)).toBeGreaterThan(detail(original));
  });

  it("edges: bright on a step edge, dark on flat areas", async () => {
    const step = Buffer.alloc(60 * 40 * 3, 30);
    for (let y = 0; y < 40; y++) step.fill(220, (y * 60 + 30) * 3, (y * 60 + 60) * 3);
    const s = new VisualSession();
    await s.addInput(await sharp(step, { raw: { width: 60, height: 40, channels: 3 } }).png().toBuffer());
    const out = await s.run(s.tool("edges"), {});
    expect(out.images![0]!.mime).toBe("image/png");
    const edges = await s.pixels(out.images![0]!);
    const at = (x: number, y: number) => edges.data[(y * 60 + x) * edges.channels] as number;
    expect(at(29, 20)).toBe(255);
    expect(at(30, 20)).toBe(255);
    expect(at(10, 20)).toBe(0);
    expect(at(50, 20)).toBe(0);
  });
});

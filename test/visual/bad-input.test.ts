import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { InterleafError } from "../../src/errors/index.js";
import { decodeImage, readImageHeader } from "../../src/images/decode-image.js";
import { createImageEngine } from "../../src/images/image-engine.js";
import { ingestImage } from "../../src/images/ingest.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { cropTool, visualTools } from "../../nodes/visual/index.js";
import { VisualSession, fixture, sharpExtract } from "./helpers.js";

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(InterleafError.isInstance(error)).toBe(true);
  return { code: (error as InterleafError).code, message: (error as InterleafError).message };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 200-byte PNG declaring 50000×50000 RGB pixels (7.5 GB decoded). */
function decompressionBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", deflateSync(Buffer.alloc(150_001 * 4))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A valid 2×2 24-bit BMP (a format sharp cannot read). */
function bmp(): Buffer {
  const header = Buffer.alloc(54);
  header.write("BM", 0, "ascii");
  header.writeUInt32LE(54 + 16, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(16, 34);
  return Buffer.concat([header, Buffer.alloc(16, 0x80)]);
}

describe("bad input", () => {
  const store = new MemoryImageStore();

  it("refuses an empty buffer", async () => {
    for (const attempt of [() => ingestImage(store, new Uint8Array(0)), () => decodeImage(new Uint8Array(0))]) {
      const { code, message } = await codeOf(attempt());
      expect(code).toBe("invalid_image");
      expect(message).toContain("empty");
    }
  });

  it("refuses bytes that are not an image", async () => {
    const { code, message } = await codeOf(ingestImage(store, Buffer.from("<html>404 not found</html>")));
    expect(code).toBe("invalid_image");
    expect(message).toMatch(/supply a PNG, JPEG/);
  });

  it("refuses a truncated JPEG whose header is intact, at decode", async () => {
    const jpeg = fixture("r1v4_demo_5.jpg");
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    expect((await readImageHeader(truncated)).width).toBe(576);
    for (const tolerateDamage of [false, true]) {
      const { code, message } = await codeOf(decodeImage(truncated, { tolerateDamage }));
      expect(code).toBe("invalid_image");
      expect(message).toMatch(/truncated or corrupt/);
    }
  });

  it("refuses a JPEG with corrupt scan data unless told to tolerate damage", async () => {
    const corrupt = Buffer.from(fixture("r1v4_demo_5.jpg"));
    for (let i = 20_000; i < 20_400; i++) corrupt[i] = (i * 37) & 0xff;
    expect((await codeOf(decodeImage(corrupt))).code).toBe("invalid_image");
    const tolerated = await decodeImage(corrupt, { tolerateDamage: true });
    expect([tolerated.width, tolerated.height]).toEqual([576, 1024]);
  });

  it("names unsupported formats and says what to do", async () => {
    const { code, message } = await codeOf(ingestImage(store, bmp()));
    expect(code).toBe("unsupported_format");
    expect(message).toBe("BMP images are not supported; convert the file to PNG or JPEG first");
  });

  it("reads the format from the bytes when the extension lies (nba.png is a JPEG)", async () => {
    const session = new VisualSession({ encoding: "png" });
    const bytes = fixture("nba.png");
    const ref = await session.addInput(bytes);
    expect(ref.mime).toBe("image/jpeg");
    const out = await session.run(session.tool("crop"), { bbox_2d: [100, 100, 300, 260] });
    expect(out.images![0]!.width).toBe(200);
  });

  it("uses the first frame of an animated image", async () => {
    const red = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#ff0000" } }).png().toBuffer();
    const blue = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#0000ff" } }).png().toBuffer();
    for (const format of ["gif", "webp"] as const) {
      const animated = await sharp([red, blue], { join: { animated: true } })[format]().toBuffer();
      expect((await sharp(animated).metadata()).pages).toBe(2);
      const session = new VisualSession();
      const ref = await session.addInput(animated);
      expect([ref.width, ref.height]).toEqual([40, 30]);
      const raster = await session.engine.raster(ref, session.store);
      expect([raster.width, raster.height]).toEqual([40, 30]);
      expect(raster.data[0]).toBeGreaterThan(200);
      expect(raster.data[2]).toBeLessThan(50);
    }
  });

  it("applies EXIF orientation: sizes, boxes and pixels are those of the upright image", async () => {
    const upright = fixture("r1v4_demo_5.jpg"); // 576×1024
    const stored = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(stored).metadata()).width).toBe(1024);
    const session = new VisualSession({ encoding: "png" });
    const ref = await session.addInput(stored);
    expect([ref.width, ref.height]).toEqual([576, 1024]);
    const out = await session.run(session.tool("crop"), { bbox_2d: [0, 0, 200, 300] });
    const crop = out.images![0]!;
    expect([crop.width, crop.height]).toEqual([200, 300]);
    expect(Buffer.compare((await session.pixels(crop)).data, await sharpExtract(stored, [0, 0, 200, 300]))).toBe(0);
  });

  it("converts CMYK and 16-bit images to 8-bit sRGB", async () => {
    const base = fixture("animate_glass.jpg");
    const reference = await decodeImage(base);
    const cmyk = await sharp(base).toColourspace("cmyk").jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const deep = await sharp(base).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe("ushort");
    // CMYK went through a lossy JPEG and two colour conversions; 16-bit PNG is exact but for rounding.
    for (const [bytes, tolerance] of [[cmyk, 20], [deep, 1]] as const) {
      const raster = await decodeImage(bytes);
      expect([raster.width, raster.height, raster.channels]).toEqual([1920, 830, 3]);
      let diff = 0;
      for (let i = 0; i < raster.data.length; i += 97) diff += Math.abs((raster.data[i] as number) - (reference.data[i] as number));
      expect(diff / (raster.data.length / 97)).toBeLessThan(tolerance);
    }
  });

  it("keeps alpha as PNG under auto, and flattens it onto white when JPEG is forced", async () => {
    const rgba = Buffer.alloc(64 * 64 * 4, 0);
    for (let i = 0; i < 64 * 32; i++) rgba.set([0, 0, 255, 255], i * 4); // top half opaque blue
    const png = await sharp(rgba, { raw: { width: 64, height: 64, channels: 4 } }).png().toBuffer();
    for (const encoding of ["auto", "jpeg"] as const) {
      const session = new VisualSession({ encoding });
      await session.addInput(png);
      const out = await session.run(session.tool("crop"), { bbox_2d: [0, 16, 64, 64] });
      const ref = out.images![0]!;
      const raster = await session.pixels(ref);
      const bottom = ((raster.height - 1) * raster.width) * raster.channels;
      if (encoding === "auto") {
        expect(ref.mime).toBe("image/png");
        expect(raster.channels).toBe(4);
        expect(raster.data[bottom + 3]).toBe(0);
      } else {
        expect(ref.mime).toBe("image/jpeg");
        expect(raster.channels).toBe(3);
        expect([...raster.data.subarray(bottom, bottom + 3)].every((v) => v > 245)).toBe(true);
        expect(raster.data[2]).toBeGreaterThan(200);
      }
    }
  });

  it("refuses a decompression bomb by its header, before any decode, with a configurable limit", async () => {
    const bomb = decompressionBomb();
    expect(bomb.length).toBeLessThan(2000);
    for (const attempt of [() => ingestImage(store, bomb), () => decodeImage(bomb), () => createImageEngine().decode(bomb)]) {
      const { code, message } = await codeOf(attempt());
      expect(code).toBe("image_too_large");
      expect(message).toContain("50000×50000");
    }
    expect(await store.has((await import("../../src/images/content-id.js")).contentId(bomb))).toBe(false);
    // The limit is a setting: a 4 MP photo is refused under a 1 MP limit, at ingest or at decode.
    const photo = fixture("r1v4_demo_2.jpg");
    expect((await codeOf(ingestImage(store, photo, { maxPixels: 1_000_000 }))).code).toBe("image_too_large");
    const session = new VisualSession({ maxPixels: 1_000_000 });
    await session.addInput(photo);
    const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
    const { code, message } = await codeOf(session.run(crop!, { bbox_2d: [0, 0, 100, 100] }));
    expect(code).toBe("image_too_large");
    expect(message).toMatch(/downscale it before use, or raise maxPixels/);
    // ... or as an option of the tools themselves.
    const [limited] = visualTools({ maxPixels: 1_000_000, only: ["crop"] });
    const viaOption = await codeOf(limited!.execute(limited!.input.parse({ bbox_2d: [0, 0, 100, 100] }), session.context()));
    expect(viaOption.code).toBe("image_too_large");
  });

  it("turns a damaged stored image into a typed tool error, not a crash", async () => {
    const session = new VisualSession();
    const jpeg = fixture("vending_machine.jpg");
    const truncated = jpeg.subarray(0, jpeg.length >> 1);
    await session.addInput(truncated);
    const { code } = await codeOf(session.run(cropTool, { bbox_2d: [0, 0, 100, 100] }));
    expect(code).toBe("invalid_image");
  });
});

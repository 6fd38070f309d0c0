import sharp, { type Sharp } from "sharp";
import { InterleafError } from "../errors/index.js";

/**
 * Decoded pixels: 8 bits per sample, rows top to bottom, samples interleaved (`channels` per
 * pixel, sRGB, alpha last). Rasters the engine decodes always have 3 (RGB) or 4 (RGBA) channels;
 * an operation may produce 1 (grey) or 2 (grey + alpha).
 */
export interface Raster {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

/** A sharp pipeline reading a raster (no pixel limit: rasters are already decoded and bounded). */
export function sharpOf(raster: Raster): Sharp {
  return sharp(raster.data, {
    raw: { width: raster.width, height: raster.height, channels: raster.channels },
    limitInputPixels: false,
  });
}

/** Runs a sharp pipeline to an 8-bit raster. */
export async function rasterOf(pipeline: Sharp): Promise<Raster> {
  const { data, info } = await pipeline.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: checkChannels(info.channels) };
}

/** Whether the raster has an alpha channel. */
export function hasAlpha(raster: Raster): boolean {
  return raster.channels === 2 || raster.channels === 4;
}

/** Bytes a raster holds in memory. */
export function rasterByteLength(raster: Raster): number {
  return raster.data.byteLength;
}

/**
 * Copies a region out of a raster, exactly (no resampling). The region must lie inside the
 * raster; callers clamp boxes first.
 */
export function extractRegion(raster: Raster, left: number, top: number, width: number, height: number): Raster {
  if (left < 0 || top < 0 || width < 1 || height < 1 || left + width > raster.width || top + height > raster.height) {
    throw new InterleafError("invalid_argument", `region ${left},${top} ${width}×${height} is not inside the ${raster.width}×${raster.height} image`);
  }
  const c = raster.channels;
  const rowBytes = width * c;
  const out = Buffer.allocUnsafe(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const start = ((top + y) * raster.width + left) * c;
    raster.data.copy(out, y * rowBytes, start, start + rowBytes);
  }
  return { data: out, width, height, channels: c };
}

/** Expands grey (1 channel) to RGB and grey+alpha (2) to RGBA; 3 and 4 channels pass through. */
export function toColorRaster(raster: Raster): Raster & { channels: 3 | 4 } {
  if (raster.channels === 3 || raster.channels === 4) return raster as Raster & { channels: 3 | 4 };
  const alpha = raster.channels === 2;
  const channels = alpha ? 4 : 3;
  const pixels = raster.width * raster.height;
  const out = Buffer.allocUnsafe(pixels * channels);
  for (let i = 0; i < pixels; i++) {
    const v = raster.data[i * raster.channels] as number;
    const o = i * channels;
    out[o] = v;
    out[o + 1] = v;
    out[o + 2] = v;
    if (alpha) out[o + 3] = raster.data[i * 2 + 1] as number;
  }
  return { data: out, width: raster.width, height: raster.height, channels };
}

/** Rec. 601 luma of every pixel (alpha ignored), one byte per pixel. */
export function lumaOf(raster: Raster): Uint8Array {
  const pixels = raster.width * raster.height;
  const out = new Uint8Array(pixels);
  const c = raster.channels;
  const d = raster.data;
  if (c < 3) {
    for (let i = 0; i < pixels; i++) out[i] = d[i * c] as number;
    return out;
  }
  for (let i = 0; i < pixels; i++) {
    const o = i * c;
    out[i] = Math.round(0.299 * (d[o] as number) + 0.587 * (d[o + 1] as number) + 0.114 * (d[o + 2] as number));
  }
  return out;
}

function checkChannels(channels: number): 1 | 2 | 3 | 4 {
  if (channels === 1 || channels === 2 || channels === 3 || channels === 4) return channels;
  throw new InterleafError("invalid_image", `decoded image has ${channels} channels; only 1 to 4 are supported`);
}

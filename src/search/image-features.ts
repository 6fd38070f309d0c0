import sharp from "sharp";
import { InterleafError } from "../errors/index.js";

/** An RGB raster, 3 bytes per pixel, row-major. */
export interface RgbRaster {
  width: number;
  height: number;
  data: Uint8Array;
}

/** What the local image index keeps of an image. */
export interface ImageFeatures {
  width: number;
  height: number;
  /** 64-bit difference hash (dHash) of the whole image, as 16 hex characters. */
  dhash: string;
  /** Mean and standard deviation of R, G and B over the whole image (0–255). */
  colour: { mean: [number, number, number]; stdev: [number, number, number] };
  /** A small thumbnail for the coarse crop search. */
  coarse: RgbRaster;
  /** A larger thumbnail for the fine crop search. */
  fine: RgbRaster;
}

/** Thumbnail widths: coarse search over every scale and position, fine search around candidates. */
export const COARSE_WIDTH = 48;
export const FINE_WIDTH = 128;

/** Computes the features of encoded image bytes with sharp (orientation as stored, alpha dropped). */
export async function imageFeatures(bytes: Uint8Array): Promise<ImageFeatures> {
  const meta = await sharp(bytes)
    .metadata()
    .catch((error: unknown) => {
      throw unreadable((error as Error).message, error);
    });
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw unreadable("no dimensions");
  try {
    const stats = await sharp(bytes).removeAlpha().stats();
    const channel = (i: number) => stats.channels[Math.min(i, stats.channels.length - 1)];
    const mean = [0, 1, 2].map((i) => channel(i)?.mean ?? 0) as [number, number, number];
    const stdev = [0, 1, 2].map((i) => channel(i)?.stdev ?? 0) as [number, number, number];
    const [coarse, fine, dhash] = await Promise.all([thumbnail(bytes, COARSE_WIDTH, width, height), thumbnail(bytes, FINE_WIDTH, width, height), differenceHash(bytes)]);
    return { width, height, dhash, colour: { mean, stdev }, coarse, fine };
  } catch (error) {
    throw unreadable((error as Error).message, error);
  }
}

function unreadable(problem: string, cause?: unknown): InterleafError<"invalid_image"> {
  return new InterleafError("invalid_image", `could not read the image for indexing or search (${problem})`, { cause });
}

/** An RGB thumbnail `targetWidth` wide, keeping the aspect ratio. */
export async function thumbnail(bytes: Uint8Array, targetWidth: number, width: number, height: number): Promise<RgbRaster> {
  const h = Math.max(4, Math.round((targetWidth * height) / width));
  const data = await sharp(bytes).removeAlpha().toColourspace("srgb").resize(targetWidth, h, { fit: "fill" }).raw().toBuffer();
  return { width: targetWidth, height: h, data: new Uint8Array(data) };
}

/** Resizes an RGB raster to exactly `width`×`height`. */
export async function resizeRaster(raster: RgbRaster, width: number, height: number): Promise<RgbRaster> {
  const data = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 3 } }).resize(width, height, { fit: "fill" }).raw().toBuffer();
  return { width, height, data: new Uint8Array(data) };
}

/** dHash: a 9×8 grey thumbnail, one bit per horizontal neighbour pair (brighter left = 1). */
export async function differenceHash(bytes: Uint8Array): Promise<string> {
  const grey = await sharp(bytes).removeAlpha().greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer();
  let bits = "";
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits += (grey[y * 9 + x] ?? 0) > (grey[y * 9 + x + 1] ?? 0) ? "1" : "0";
  return BigInt(`0b${bits}`).toString(16).padStart(16, "0");
}

/** Number of differing bits of two 64-bit hex hashes. */
export function hammingDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x > 0n) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

import { z } from "zod";
import type { Raster } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  method: z
    .enum(["global", "clahe"])
    .default("clahe")
    .describe('"clahe": local contrast (adaptive, limits noise; best for shadows and glare); "global": histogram equalisation of the whole image.'),
  tiles: z.number().int().min(2).max(32).default(8).describe("CLAHE grid: the image is split into tiles × tiles regions."),
  clip: z.number().min(1).max(40).default(2.5).describe("CLAHE contrast limit (as in OpenCV's clipLimit): 1 none, 2–4 usual, 40 nearly unlimited."),
});

/** Luma (Rec. 601) of every pixel as a float and as a rounded histogram bin. */
function lumaPlane(raster: Raster): Float32Array {
  const C = raster.channels;
  const src = raster.data;
  const pixels = raster.width * raster.height;
  const ys = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const o = i * C;
    ys[i] = C >= 3 ? 0.299 * (src[o] as number) + 0.587 * (src[o + 1] as number) + 0.114 * (src[o + 2] as number) : (src[o] as number);
  }
  return ys;
}

/** Applies new luma values to a raster, shifting R, G and B alike so hues are kept (alpha untouched). */
function withLuma(raster: Raster, ys: Float32Array, mapped: Float32Array): Raster {
  const C = raster.channels;
  const src = raster.data;
  const out = Buffer.allocUnsafe(src.length);
  const color = Math.min(C, 3) === 3 ? 3 : 1;
  for (let i = 0; i < ys.length; i++) {
    const o = i * C;
    const delta = (mapped[i] as number) - (ys[i] as number);
    for (let k = 0; k < color; k++) {
      const v = (src[o + k] as number) + delta;
      out[o + k] = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    }
    if (C === 4 || C === 2) out[o + C - 1] = src[o + C - 1] as number;
  }
  return { ...raster, data: out };
}

/**
 * Global histogram equalisation of the luma, keeping the chroma: colors keep their hue while
 * the tones spread over the whole range.
 */
export function equalizeRaster(raster: Raster): Raster {
  const ys = lumaPlane(raster);
  const histogram = new Uint32Array(256);
  for (const y of ys) {
    const bin = Math.round(y);
    histogram[bin] = (histogram[bin] as number) + 1;
  }
  const lut = equalisationLut(histogram, ys.length, Number.POSITIVE_INFINITY);
  const mapped = new Float32Array(ys.length);
  for (let i = 0; i < ys.length; i++) mapped[i] = lut[Math.round(ys[i] as number)] as number;
  return withLuma(raster, ys, mapped);
}

/**
 * Contrast-limited adaptive histogram equalisation (CLAHE, Zuiderveld): the luma is equalised
 * per tile of a `tiles`×`tiles` grid with each histogram bin clipped at `clip` times the mean,
 * and the tile mappings are blended bilinearly, so detail in shadows and glare comes out without
 * blocking. Chroma is kept.
 */
export function claheRaster(raster: Raster, tiles = 8, clip = 2.5): Raster {
  const { width: W, height: H } = raster;
  const ys = lumaPlane(raster);
  const gx = Math.min(tiles, W);
  const gy = Math.min(tiles, H);
  const tw = W / gx;
  const th = H / gy;
  const luts: Float32Array[] = [];
  for (let ty = 0; ty < gy; ty++) {
    for (let tx = 0; tx < gx; tx++) {
      const x0 = Math.floor(tx * tw);
      const x1 = Math.floor((tx + 1) * tw);
      const y0 = Math.floor(ty * th);
      const y1 = Math.floor((ty + 1) * th);
      const histogram = new Uint32Array(256);
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const bin = Math.round(ys[y * W + x] as number);
          histogram[bin] = (histogram[bin] as number) + 1;
        }
      }
      const count = (x1 - x0) * (y1 - y0);
      luts.push(equalisationLut(histogram, count, Math.max(1, (clip * count) / 256)));
    }
  }
  const mapped = new Float32Array(ys.length);
  for (let y = 0; y < H; y++) {
    const fy = Math.min(gy - 1, Math.max(0, (y + 0.5) / th - 0.5));
    const ty0 = Math.floor(fy);
    const ty1 = Math.min(gy - 1, ty0 + 1);
    const wy = fy - ty0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(gx - 1, Math.max(0, (x + 0.5) / tw - 0.5));
      const tx0 = Math.floor(fx);
      const tx1 = Math.min(gx - 1, tx0 + 1);
      const wx = fx - tx0;
      const bin = Math.round(ys[y * W + x] as number);
      const a = (luts[ty0 * gx + tx0] as Float32Array)[bin] as number;
      const b = (luts[ty0 * gx + tx1] as Float32Array)[bin] as number;
      const c = (luts[ty1 * gx + tx0] as Float32Array)[bin] as number;
      const d = (luts[ty1 * gx + tx1] as Float32Array)[bin] as number;
      mapped[y * W + x] = (a * (1 - wx) + b * wx) * (1 - wy) + (c * (1 - wx) + d * wx) * wy;
    }
  }
  return withLuma(raster, ys, mapped);
}

/** The equalising map of a histogram whose bins are clipped at `limit` (excess spread evenly). */
function equalisationLut(histogram: Uint32Array, count: number, limit: number): Float32Array {
  const bins = new Float64Array(256);
  let excess = 0;
  for (let v = 0; v < 256; v++) {
    const h = histogram[v] as number;
    bins[v] = Math.min(h, limit);
    excess += h - (bins[v] as number);
  }
  const share = excess / 256;
  const lut = new Float32Array(256);
  let cdf = 0;
  let cdfMin = -1;
  for (let v = 0; v < 256; v++) {
    cdf += (bins[v] as number) + share;
    if (cdfMin < 0 && cdf > 0) cdfMin = limit === Number.POSITIVE_INFINITY ? cdf : 0;
    lut[v] = count - cdfMin <= 0 ? v : (Math.max(0, cdf - cdfMin) / (count - cdfMin)) * 255;
  }
  return lut;
}

/** `equalize`: histogram equalisation, global or adaptive (CLAHE). */
export const equalizeOperation: ImageOperation<typeof input.shape> = {
  name: "equalize",
  description: "Enhances contrast by histogram equalisation: CLAHE (local, the default) or global; reveals detail in shadows, haze or glare.",
  input,
  example: { method: "clahe" },
  async apply(raster, { method, tiles, clip }, context) {
    if (method === "global") {
      return { images: [{ raster: equalizeRaster(raster), params: { method } }], text: `Equalised the histogram of ${context.label}.` };
    }
    return {
      images: [{ raster: claheRaster(raster, tiles, clip), params: { method, tiles, clip } }],
      text: `Applied CLAHE to ${context.label} (${tiles}×${tiles} tiles, clip limit ${clip}).`,
    };
  },
};

/**
 * The `equalize` tool with default settings.
 *
 * @example
 * ```ts
 * import { equalizeTool } from "interleaf/nodes";
 *
 * console.log(equalizeTool.name); // "equalize"
 * ```
 */
export const equalizeTool = imageOperationTool(equalizeOperation);

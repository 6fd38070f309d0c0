import { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import type { Raster } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  brightness: z.number().min(0).max(10).optional().describe("Multiplier: 1 unchanged, 1.5 brighter, 0.5 darker."),
  contrast: z.number().min(0).max(10).optional().describe("Multiplier around mid-grey: 1 unchanged, 2 stronger, 0.5 flatter."),
  gamma: z.number().min(0.05).max(10).optional().describe("Gamma correction: 1 unchanged, >1 lifts shadows, <1 darkens them."),
  saturation: z.number().min(0).max(10).optional().describe("Multiplier: 1 unchanged, 0 grey, 2 vivid."),
});

/** Adjusts brightness, contrast, gamma and saturation of a raster (alpha untouched). */
export function adjustRaster(raster: Raster, options: { brightness?: number; contrast?: number; gamma?: number; saturation?: number }): Raster {
  const brightness = options.brightness ?? 1;
  const contrast = options.contrast ?? 1;
  const gamma = options.gamma ?? 1;
  const saturation = options.saturation ?? 1;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    let x = v * brightness;
    x = (x - 128) * contrast + 128;
    x = Math.min(255, Math.max(0, x));
    x = 255 * Math.pow(x / 255, 1 / gamma);
    lut[v] = Math.min(255, Math.max(0, Math.round(x)));
  }
  const C = raster.channels;
  const color = C >= 3;
  const pixels = raster.width * raster.height;
  const src = raster.data;
  const out = Buffer.allocUnsafe(src.length);
  for (let i = 0; i < pixels; i++) {
    const o = i * C;
    if (!color) {
      out[o] = lut[src[o] as number] as number;
      if (C === 2) out[o + 1] = src[o + 1] as number;
      continue;
    }
    let r = lut[src[o] as number] as number;
    let g = lut[src[o + 1] as number] as number;
    let b = lut[src[o + 2] as number] as number;
    if (saturation !== 1) {
      const grey = 0.299 * r + 0.587 * g + 0.114 * b;
      r = grey + (r - grey) * saturation;
      g = grey + (g - grey) * saturation;
      b = grey + (b - grey) * saturation;
    }
    out[o] = clampByte(r);
    out[o + 1] = clampByte(g);
    out[o + 2] = clampByte(b);
    if (C === 4) out[o + 3] = src[o + 3] as number;
  }
  return { ...raster, data: out };
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** `adjust`: brightness, contrast, gamma and saturation in one call. */
export const adjustOperation: ImageOperation<typeof input.shape> = {
  name: "adjust",
  description: "Adjusts brightness, contrast, gamma and/or saturation of an image (each a multiplier; 1 leaves it unchanged).",
  input,
  example: { brightness: 1.3, contrast: 1.5 },
  async apply(raster, args, context) {
    const given = Object.entries(args).filter(([key, value]) => key !== "image" && typeof value === "number");
    if (given.length === 0) {
      throw new InterleafError("invalid_argument", "adjust needs at least one of brightness, contrast, gamma, saturation; e.g. {\"contrast\": 1.5}");
    }
    const params = Object.fromEntries(given);
    return {
      images: [{ raster: adjustRaster(raster, args), params }],
      text: `Adjusted ${context.label}: ${given.map(([key, value]) => `${key} ×${value}`).join(", ")}.`,
    };
  },
};

/**
 * The `adjust` tool with default settings.
 *
 * @example
 * ```ts
 * import { adjustTool } from "interleaf/nodes";
 *
 * console.log(adjustTool.name); // "adjust"
 * ```
 */
export const adjustTool = imageOperationTool(adjustOperation);

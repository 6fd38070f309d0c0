import { z } from "zod";
import { lumaOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  value: z
    .union([z.number().int().min(0).max(255), z.literal("auto")])
    .default("auto")
    .describe('Grey level 0–255 above which a pixel turns white, or "auto" (Otsu\'s method).'),
  invert: z.boolean().default(false).describe("Make bright pixels black instead."),
});

/** Otsu's threshold of a 256-bin histogram: the level maximising between-class variance. */
export function otsuThreshold(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += histogram[i] ?? 0;
    sum += i * (histogram[i] ?? 0);
  }
  let weightB = 0;
  let sumB = 0;
  let best = 0;
  let bestVar = -1;
  for (let t = 0; t < 256; t++) {
    weightB += histogram[t] ?? 0;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * (histogram[t] ?? 0);
    const meanB = sumB / weightB;
    const meanF = (sum - sumB) / weightF;
    const between = weightB * weightF * (meanB - meanF) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
}

/** `threshold`: binarises an image to black and white (a mask, stored losslessly). */
export const thresholdOperation: ImageOperation<typeof input.shape> = {
  name: "threshold",
  description: 'Binarises an image to pure black and white at a grey level (or "auto", Otsu\'s method); useful for faint text and shapes.',
  input,
  example: { value: "auto" },
  async apply(raster, { value, invert }, context) {
    const luma = lumaOf(raster);
    let level: number;
    if (value === "auto") {
      const histogram = new Uint32Array(256);
      for (const v of luma) histogram[v] = (histogram[v] as number) + 1;
      level = otsuThreshold(histogram);
    } else {
      level = value;
    }
    const out = Buffer.allocUnsafe(luma.length);
    const on = invert ? 0 : 255;
    for (let i = 0; i < luma.length; i++) out[i] = (luma[i] as number) > level ? on : 255 - on;
    return {
      images: [{ raster: { data: out, width: raster.width, height: raster.height, channels: 1 }, graphic: true, params: { level, invert } }],
      text: `Binarised ${context.label} at grey level ${level}${value === "auto" ? " (Otsu)" : ""}${invert ? ", inverted" : ""}.`,
      data: { level },
    };
  },
};

/**
 * The `threshold` tool with default settings.
 *
 * @example
 * ```ts
 * import { thresholdTool } from "interleaf/nodes";
 *
 * console.log(thresholdTool.name); // "threshold"
 * ```
 */
export const thresholdTool = imageOperationTool(thresholdOperation);

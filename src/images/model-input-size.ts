import { z } from "zod";

/**
 * How large images sent to a model may be, in the manner of Qwen-VL's `smart_resize`: the pixel
 * count is kept within `[minPixels, maxPixels]` and both sides are multiples of `patch`.
 */
export const ModelImageSizingSchema = z.object({
  minPixels: z.number().int().positive().default(4 * 28 * 28),
  maxPixels: z.number().int().positive().default(1280 * 28 * 28),
  patch: z.number().int().positive().default(28),
  /** Tokens per patch×patch block (Qwen2.5-VL merges 2×2 patches of 14 px: 1 token per 28×28). */
  pixelsPerToken: z.number().int().positive().default(28 * 28),
});
/**
 * How large images sent to a model may be, in the manner of Qwen-VL's `smart_resize`: the pixel
 * count is kept within `[minPixels, maxPixels]` and both sides are multiples of `patch`.
 *
 * @useDeclaredType
 */
export type ModelImageSizing = z.infer<typeof ModelImageSizingSchema>;

/** The default budget: Qwen2.5-VL's (patch 28, up to 1280 tokens an image). */
export const DEFAULT_MODEL_IMAGE_SIZING: ModelImageSizing = ModelImageSizingSchema.parse({});

/**
 * The size an image is sent to a model at, and its estimated token cost.
 *
 * @example
 * ```ts
 * import { modelInputSize } from "interleaf/images";
 *
 * const sent = modelInputSize(7680, 4320);
 * console.log(sent.width % 28, sent.height % 28, sent.tokens <= 1280); // 0 0 true
 * ```
 */
export function modelInputSize(
  width: number,
  height: number,
  sizing: ModelImageSizing = DEFAULT_MODEL_IMAGE_SIZING,
): { width: number; height: number; tokens: number } {
  const { patch, minPixels, maxPixels } = sizing;
  let h = Math.max(patch, Math.round(height / patch) * patch);
  let w = Math.max(patch, Math.round(width / patch) * patch);
  if (h * w > maxPixels) {
    const beta = Math.sqrt((height * width) / maxPixels);
    h = Math.max(patch, Math.floor(height / beta / patch) * patch);
    w = Math.max(patch, Math.floor(width / beta / patch) * patch);
  } else if (h * w < minPixels) {
    const beta = Math.sqrt(minPixels / (height * width));
    h = Math.ceil((height * beta) / patch) * patch;
    w = Math.ceil((width * beta) / patch) * patch;
  }
  return { width: w, height: h, tokens: Math.ceil((w * h) / sizing.pixelsPerToken) };
}

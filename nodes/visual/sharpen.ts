import { z } from "zod";
import { rasterOf, sharpOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  sigma: z.number().min(0.3).max(10).default(1.5).describe("Radius of the sharpening (Gaussian sigma, px): 1 fine detail, 3 coarse."),
});

/** `sharpen`: unsharp-mask sharpening of the lightness (sharp's `sharpen`). */
export const sharpenOperation: ImageOperation<typeof input.shape> = {
  name: "sharpen",
  description: "Sharpens an image (unsharp mask), making blurry edges and small text crisper.",
  input,
  example: { sigma: 1.5 },
  async apply(raster, { sigma }, context) {
    return {
      images: [{ raster: await rasterOf(sharpOf(raster).sharpen({ sigma })), params: { sigma } }],
      text: `Sharpened ${context.label} (sigma ${sigma}).`,
    };
  },
};

/**
 * The `sharpen` tool with default settings.
 *
 * @example
 * ```ts
 * import { sharpenTool } from "interleaf/nodes";
 *
 * console.log(sharpenTool.name); // "sharpen"
 * ```
 */
export const sharpenTool = imageOperationTool(sharpenOperation);

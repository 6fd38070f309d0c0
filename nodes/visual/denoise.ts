import { z } from "zod";
import { rasterOf, sharpOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  size: z
    .number()
    .int()
    .min(3)
    .max(15)
    .refine((n) => n % 2 === 1, "size must be odd (3, 5, 7, ...)")
    .default(3)
    .describe("Median window, odd, in pixels: 3 light, 7 strong."),
});

/** `denoise`: median filter, removing salt-and-pepper and sensor noise while keeping edges. */
export const denoiseOperation: ImageOperation<typeof input.shape> = {
  name: "denoise",
  description: "Removes noise with a median filter (keeps edges); larger sizes remove more but soften detail.",
  input,
  example: { size: 3 },
  async apply(raster, { size }, context) {
    return {
      images: [{ raster: await rasterOf(sharpOf(raster).median(size)), params: { size } }],
      text: `Denoised ${context.label} with a ${size}×${size} median filter.`,
    };
  },
};

/**
 * The `denoise` tool with default settings.
 *
 * @example
 * ```ts
 * import { denoiseTool } from "interleaf/nodes";
 *
 * console.log(denoiseTool.name); // "denoise"
 * ```
 */
export const denoiseTool = imageOperationTool(denoiseOperation);

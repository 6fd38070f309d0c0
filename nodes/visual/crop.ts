import { z } from "zod";
import { formatBox } from "../../src/images/pixel-box.js";
import { extractRegion } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
import { BBoxSchema, LabelSchema } from "./image-argument.js";

const input = z.object({ bbox_2d: BBoxSchema, label: LabelSchema });

/**
 * `crop`: cuts a region out of an image, exactly (the pixels of sharp's `extract` on the oriented
 * image). The box is rounded to whole pixels, clamped to the image and enlarged to the minimum
 * crop size around its centre.
 */
export const cropOperation: ImageOperation<typeof input.shape> = {
  name: "crop",
  description: "Crops a region of an image, at its native resolution. Returns the region as a new image.",
  input,
  example: { bbox_2d: [100, 200, 400, 500], image: "original image" },
  async apply(raster, { bbox_2d, label }, context) {
    const box = context.box(bbox_2d);
    return {
      images: [
        {
          raster: extractRegion(raster, box.left, box.top, box.width, box.height),
          toParent: [1, 0, box.left, 0, 1, box.top],
          params: { box: box.box },
        },
      ],
      text: `Cropped ${context.label} to ${formatBox(box.box)}${label ? ` looking for "${label}"` : ""}.`,
      notes: box.notes,
    };
  },
};

/**
 * The `crop` tool with default settings (process-wide engine, 28 px minimum crop).
 *
 * @example
 * ```ts
 * import { cropTool } from "interleaf/nodes";
 *
 * console.log(cropTool.name); // "crop"
 * ```
 */
export const cropTool = imageOperationTool(cropOperation);

import { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import { rasterOf, sharpOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const MAX_SIDE = 8192;

const input = z.object({
  width: z.number().int().min(1).max(MAX_SIDE).optional().describe("Target width in pixels."),
  height: z.number().int().min(1).max(MAX_SIDE).optional().describe("Target height in pixels."),
  scale: z.number().positive().max(16).optional().describe("Scale factor, e.g. 0.5 or 2 (instead of width/height)."),
});

/**
 * `resize`: scales an image to a width and/or height (aspect kept when only one is given) or by a
 * factor, with a Lanczos-3 kernel.
 */
export const resizeOperation: ImageOperation<typeof input.shape> = {
  name: "resize",
  description: "Resizes an image to a given width and/or height (keeping the aspect ratio if only one is given) or by a scale factor.",
  input,
  example: { scale: 2 },
  async apply(raster, { width, height, scale }, context) {
    let w: number;
    let h: number;
    if (scale !== undefined) {
      w = Math.round(raster.width * scale);
      h = Math.round(raster.height * scale);
    } else if (width !== undefined || height !== undefined) {
      w = width ?? Math.round((raster.width * (height as number)) / raster.height);
      h = height ?? Math.round((raster.height * (width as number)) / raster.width);
    } else {
      throw new InterleafError("invalid_argument", "resize needs `width`, `height` or `scale`; e.g. {\"scale\": 2} doubles the size");
    }
    w = Math.max(1, w);
    h = Math.max(1, h);
    if (w > MAX_SIDE || h > MAX_SIDE) {
      throw new InterleafError("invalid_argument", `resizing ${context.label} to ${w}×${h} exceeds ${MAX_SIDE} px a side; choose a smaller size, or crop first`);
    }
    const resized = await rasterOf(sharpOf(raster).resize(w, h, { fit: "fill", kernel: "lanczos3" }));
    return {
      images: [{ raster: resized, toParent: [raster.width / w, 0, 0, 0, raster.height / h, 0], params: { width: w, height: h } }],
      text: `Resized ${context.label} from ${raster.width}×${raster.height} to ${w}×${h}.`,
    };
  },
};

/**
 * The `resize` tool with default settings.
 *
 * @example
 * ```ts
 * import { resizeTool } from "interleaf/nodes";
 *
 * console.log(resizeTool.name); // "resize"
 * ```
 */
export const resizeTool = imageOperationTool(resizeOperation);

import { z } from "zod";
import { rasterOf, sharpOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  direction: z
    .enum(["horizontal", "vertical"])
    .default("horizontal")
    .describe('"horizontal" mirrors left-right (reads mirrored text), "vertical" flips upside down.'),
});

/** `flip`: mirrors an image left-right (`horizontal`) or top-bottom (`vertical`), exactly. */
export const flipOperation: ImageOperation<typeof input.shape> = {
  name: "flip",
  description: "Mirrors an image: horizontal (left-right, e.g. to read text seen in a mirror) or vertical (upside down).",
  input,
  example: { direction: "horizontal" },
  async apply(raster, { direction }, context) {
    const horizontal = direction === "horizontal";
    const flipped = await rasterOf(horizontal ? sharpOf(raster).flop() : sharpOf(raster).flip());
    return {
      images: [
        {
          raster: flipped,
          toParent: horizontal ? [-1, 0, raster.width, 0, 1, 0] : [1, 0, 0, 0, -1, raster.height],
          params: { direction },
        },
      ],
      text: `Mirrored ${context.label} ${horizontal ? "left-right" : "top-bottom"}.`,
    };
  },
};

/**
 * The `flip` tool with default settings.
 *
 * @example
 * ```ts
 * import { flipTool } from "interleaf/nodes";
 *
 * console.log(flipTool.name); // "flip"
 * ```
 */
export const flipTool = imageOperationTool(flipOperation);

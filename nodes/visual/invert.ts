import { z } from "zod";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({});

/** `invert`: the negative of an image (alpha untouched). */
export const invertOperation: ImageOperation<typeof input.shape> = {
  name: "invert",
  description: "Inverts the colors of an image (a negative); helps read light text on dark backgrounds.",
  input,
  example: {},
  async apply(raster, _args, context) {
    const out = Buffer.allocUnsafe(raster.data.length);
    const C = raster.channels;
    for (let i = 0; i < raster.data.length; i++) {
      const v = raster.data[i] as number;
      out[i] = C === 4 && i % 4 === 3 ? v : 255 - v;
    }
    return { images: [{ raster: { ...raster, data: out } }], text: `Inverted the colors of ${context.label}.` };
  },
};

/**
 * The `invert` tool with default settings.
 *
 * @example
 * ```ts
 * import { invertTool } from "interleaf/nodes";
 *
 * console.log(invertTool.name); // "invert"
 * ```
 */
export const invertTool = imageOperationTool(invertOperation);

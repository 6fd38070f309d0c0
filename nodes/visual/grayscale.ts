import { z } from "zod";
import { lumaOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({});

/** `grayscale`: Rec. 601 luma, one channel (alpha dropped). */
export const grayscaleOperation: ImageOperation<typeof input.shape> = {
  name: "grayscale",
  description: "Converts an image to grayscale.",
  input,
  example: {},
  async apply(raster, _args, context) {
    const luma = lumaOf(raster);
    return {
      images: [{ raster: { data: Buffer.from(luma.buffer, luma.byteOffset, luma.byteLength), width: raster.width, height: raster.height, channels: 1 } }],
      text: `Converted ${context.label} to grayscale.`,
    };
  },
};

/**
 * The `grayscale` tool with default settings.
 *
 * @example
 * ```ts
 * import { grayscaleTool } from "interleaf/nodes";
 *
 * console.log(grayscaleTool.name); // "grayscale"
 * ```
 */
export const grayscaleTool = imageOperationTool(grayscaleOperation);

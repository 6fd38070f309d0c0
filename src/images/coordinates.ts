import { z } from "zod";
import { InterleafError } from "../errors/index.js";

/**
 * How a model writes box coordinates; a setting of the dialect, not something the model passes.
 * - `pixels`: absolute pixels of the image the box refers to (DeepEyes, Thyme, R1V4 code);
 * - `normalized`: 0–1 fractions of width and height (Mini-o3);
 * - `qwen1000`: 0–1000 integers (Qwen-VL family).
 */
export const CoordinateConventionSchema = z.enum(["pixels", "normalized", "qwen1000"]);
/**
 * How a model writes box coordinates; a setting of the dialect, not something the model passes.
 * - `pixels`: absolute pixels of the image the box refers to (DeepEyes, Thyme, R1V4 code);
 * - `normalized`: 0–1 fractions of width and height (Mini-o3);
 * - `qwen1000`: 0–1000 integers (Qwen-VL family).
 *
 * @useDeclaredType
 */
export type CoordinateConvention = z.infer<typeof CoordinateConventionSchema>;

/** `[x1, y1, x2, y2]`, the `bbox_2d` of Qwen-VL and DeepEyes. */
export const BoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/**
 * `[x1, y1, x2, y2]`, the `bbox_2d` of Qwen-VL and DeepEyes.
 *
 * @useDeclaredType
 */
export type Box = z.infer<typeof BoxSchema>;

/**
 * Converts a box from a convention to absolute pixels of an image of the given size. With
 * `pixels`, `seenSize` is the size the model saw the image at (after resizing to its pixel
 * budget); the box is scaled from that size to the real one.
 *
 * @example
 * ```ts
 * import { boxToPixels } from "interleaf/images";
 *
 * boxToPixels([0, 0, 500, 500], "qwen1000", { width: 2000, height: 1000 }); // [0, 0, 1000, 500]
 * ```
 */
export function boxToPixels(
  box: Box,
  convention: CoordinateConvention,
  size: { width: number; height: number },
  seenSize?: { width: number; height: number },
): Box {
  if (!box.every(Number.isFinite)) {
    throw new InterleafError("invalid_argument", `bbox_2d must hold four finite numbers, got ${JSON.stringify(box)}`);
  }
  const [x1, y1, x2, y2] = box;
  switch (convention) {
    case "normalized":
      return [x1 * size.width, y1 * size.height, x2 * size.width, y2 * size.height];
    case "qwen1000":
      return [(x1 / 1000) * size.width, (y1 / 1000) * size.height, (x2 / 1000) * size.width, (y2 / 1000) * size.height];
    case "pixels": {
      if (!seenSize || (seenSize.width === size.width && seenSize.height === size.height)) return [x1, y1, x2, y2];
      const sx = size.width / seenSize.width;
      const sy = size.height / seenSize.height;
      return [x1 * sx, y1 * sy, x2 * sx, y2 * sy];
    }
  }
}

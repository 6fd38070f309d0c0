import { z } from "zod";
import { BoxSchema } from "../../src/images/coordinates.js";

/** The `image` argument every visual tool takes: which image to operate on. */
export const ImageNameSchema = z
  .string()
  .nullish()
  .describe('The image to operate on: "original image" (the default), "observation N" for an image a tool produced, or an image id.');

/** A `bbox_2d` argument: `[x1, y1, x2, y2]` in the dialect's coordinate convention. */
export const BBoxSchema = BoxSchema.describe(
  "[x1, y1, x2, y2]: top-left then bottom-right corner of the region, in the coordinates of the image named by `image`.",
);

/** An optional `label` (DeepEyes): what the model is looking for, echoed in the observation. */
export const LabelSchema = z.string().max(200).optional().describe("What you are looking for in this region (optional).");

import { z } from "zod";
import { modelInputSize } from "../../src/images/model-input-size.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { ImageNameSchema } from "./image-argument.js";
import { describePlacement, placeInOrigin } from "./origin-placement.js";
import { resolveVisualSettings, type VisualToolOptions } from "./visual-settings.js";

const input = z.object({ image: ImageNameSchema });

/**
 * Creates the `measure_size` tool: an image's size, its size as sent to the model with the token
 * estimate, and where it lies in the original image. Reads no pixels.
 *
 * @example
 * ```ts
 * import { createMeasureSizeTool } from "interleaf/nodes";
 *
 * const tool = createMeasureSizeTool();
 * console.log(tool.name); // "measure_size"
 * ```
 */
export function createMeasureSizeTool(options: VisualToolOptions = {}): Tool<typeof input> {
  const settings = resolveVisualSettings(options);
  return defineTool({
    name: "measure_size",
    description: "Tells the size of an image in pixels, the size it is shown to you at, and where it lies in the original image. Returns numbers, not an image.",
    input,
    example: { image: "original image" },
    async execute({ image }, context) {
      const ref = context.gallery.resolve(image ?? undefined);
      const label = context.gallery.labelOf(ref.id) ?? `image ${ref.id.slice(0, 12)}`;
      const sent = modelInputSize(ref.width, ref.height, settings.sizing);
      const origin = placeInOrigin(ref, context);
      const shown = sent.width === ref.width && sent.height === ref.height ? "at full size" : `resized to ${sent.width}×${sent.height}`;
      return {
        text: `${label} is ${ref.width}×${ref.height} pixels (${ref.mime}); it is shown to you ${shown} (~${sent.tokens} image tokens). ${ref.parent ? describePlacement(origin, false) : ""}`.trim(),
        data: { id: ref.id, label, width: ref.width, height: ref.height, mime: ref.mime, model_input: sent, ...(origin ? { box_in_original: origin.pixels } : {}) },
      };
    },
  });
}

/** The `measure_size` tool with default settings. */
export const measureSizeTool = createMeasureSizeTool();

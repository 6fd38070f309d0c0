import { z } from "zod";
import { formatBox } from "../../src/images/pixel-box.js";
import { extractRegion, rasterOf, sharpOf } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
import { BBoxSchema, LabelSchema } from "./image-argument.js";

const input = z.object({
  bbox_2d: BBoxSchema,
  label: LabelSchema,
  factor: z.number().min(1).max(16).optional().describe("Magnification (optional); by default the region is enlarged until its short side reaches the zoom floor."),
});

/**
 * `zoom`: crops a region, then upscales it with a Lanczos-3 kernel so its short side reaches the
 * zoom floor (default 448 px), or by `factor` if larger; the long side is capped. The map to the
 * parent is the crop offset with the scale.
 */
export const zoomOperation: ImageOperation<typeof input.shape> = {
  name: "zoom",
  description: "Zooms in on a region of an image: crops it and enlarges it so small details become legible. Returns the enlarged region.",
  input,
  example: { bbox_2d: [1250, 1030, 1360, 1070], label: "licence plate" },
  async apply(raster, { bbox_2d, label, factor }, context) {
    const { zoomShortSide, zoomMaxLongSide } = context.settings;
    const box = context.box(bbox_2d);
    const crop = extractRegion(raster, box.left, box.top, box.width, box.height);
    const short = Math.min(box.width, box.height);
    const long = Math.max(box.width, box.height);
    const wanted = Math.max(factor ?? 1, zoomShortSide / short);
    const scale = Math.max(1, Math.min(wanted, zoomMaxLongSide / long));
    const width = Math.max(1, Math.round(box.width * scale));
    const height = Math.max(1, Math.round(box.height * scale));
    const notes = [...box.notes];
    if (scale < wanted) notes.push(`The magnification was capped at ${round2(scale)}× to keep the long side within ${zoomMaxLongSide} px.`);
    const zoomed = scale === 1 ? crop : await rasterOf(sharpOf(crop).resize(width, height, { fit: "fill", kernel: "lanczos3" }));
    return {
      images: [
        {
          raster: zoomed,
          toParent: [box.width / width, 0, box.left, 0, box.height / height, box.top],
          params: { box: box.box, width, height },
        },
      ],
      text: `Zoomed ${context.label} on ${formatBox(box.box)} ×${round2(width / box.width)}${label ? ` looking for "${label}"` : ""}.`,
      notes,
    };
  },
};

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * The `zoom` tool with default settings (floor 448 px, long side at most 2048 px).
 *
 * @example
 * ```ts
 * import { zoomTool } from "interleaf/nodes";
 *
 * console.log(zoomTool.name); // "zoom"
 * ```
 */
export const zoomTool = imageOperationTool(zoomOperation);

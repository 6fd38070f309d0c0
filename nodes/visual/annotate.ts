import { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import { BoxSchema } from "../../src/images/coordinates.js";
import { formatBox } from "../../src/images/pixel-box.js";
import { ColorSchema, hexOf, PALETTE, rgbOf } from "./color.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
import { drawSvg, svgLabel } from "./svg-overlay.js";

const LabelText = z.string().max(80).optional().describe("Text drawn next to the mark.");

const input = z.object({
  boxes: z
    .array(z.object({ bbox_2d: BoxSchema.describe("[x1, y1, x2, y2]"), label: LabelText, color: ColorSchema.optional() }))
    .max(50)
    .default([])
    .describe("Rectangles to draw."),
  points: z
    .array(z.object({ point_2d: z.tuple([z.number(), z.number()]).describe("[x, y]"), label: LabelText, color: ColorSchema.optional() }))
    .max(50)
    .default([])
    .describe("Points to mark."),
});

/** `annotate`: draws boxes, points and labels on a copy of an image (stored losslessly). */
export const annotateOperation: ImageOperation<typeof input.shape> = {
  name: "annotate",
  description: "Draws labelled boxes and points on a copy of an image, e.g. to check a localisation or count objects. Coordinates as for crop.",
  input,
  example: { boxes: [{ bbox_2d: [10, 20, 200, 150], label: "sign" }], points: [{ point_2d: [320, 240], label: "1" }] },
  async apply(raster, { boxes, points }, context) {
    if (boxes.length === 0 && points.length === 0) {
      throw new InterleafError("invalid_argument", 'annotate needs at least one box or point, e.g. {"boxes": [{"bbox_2d": [10, 20, 200, 150], "label": "sign"}]}');
    }
    const short = Math.min(raster.width, raster.height);
    const stroke = Math.max(2, Math.round(short / 300));
    const fontSize = Math.max(12, Math.round(short / 40));
    const notes: string[] = [];
    const parts: string[] = [];
    const drawn: Array<{ kind: "box" | "point"; pixels: number[]; label?: string; color: string }> = [];
    boxes.forEach((item, i) => {
      const [x1, y1, x2, y2] = context.tool.toPixels(item.bbox_2d, context.image);
      if (!(x2 > x1 && y2 > y1)) {
        throw new InterleafError("invalid_argument", `box ${i + 1} ${formatBox(item.bbox_2d)} is empty or inverted: give [x1, y1, x2, y2] with x2 > x1 and y2 > y1`);
      }
      if (x1 < 0 || y1 < 0 || x2 > raster.width || y2 > raster.height) notes.push(`Box ${i + 1} extends past the image (${raster.width}×${raster.height}); only its visible part is drawn.`);
      const color = hexOf(rgbOf(item.color ?? PALETTE[i % PALETTE.length] ?? "#ff2d2d"));
      parts.push(`<rect x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="none" stroke="${color}" stroke-width="${stroke}"/>`);
      if (item.label) {
        const top = y1 - fontSize * 1.3 - stroke >= 0 ? y1 - Math.ceil(fontSize * 1.3) - stroke : y1 + stroke;
        parts.push(svgLabel(item.label, Math.max(0, x1), Math.max(0, top), fontSize, color));
      }
      drawn.push({ kind: "box", pixels: [x1, y1, x2, y2], ...(item.label ? { label: item.label } : {}), color });
    });
    points.forEach((item, i) => {
      const [x, y] = context.tool.toPixels([item.point_2d[0], item.point_2d[1], item.point_2d[0], item.point_2d[1]], context.image);
      if (x < 0 || y < 0 || x > raster.width || y > raster.height) notes.push(`Point ${i + 1} lies outside the image (${raster.width}×${raster.height}).`);
      const color = hexOf(rgbOf(item.color ?? PALETTE[(boxes.length + i) % PALETTE.length] ?? "#ff2d2d"));
      const r = Math.max(4, stroke * 2);
      parts.push(`<circle cx="${x}" cy="${y}" r="${r}" fill="${color}" stroke="#000000" stroke-width="${Math.max(1, stroke / 2)}"/>`);
      if (item.label) parts.push(svgLabel(item.label, Math.round(x + r + 2), Math.max(0, Math.round(y - fontSize * 0.65)), fontSize, color));
      drawn.push({ kind: "point", pixels: [x, y], ...(item.label ? { label: item.label } : {}), color });
    });
    return {
      images: [{ raster: await drawSvg(raster, parts.join("")), graphic: true, params: { marks: drawn } }],
      text: `Drew ${boxes.length} box${boxes.length === 1 ? "" : "es"} and ${points.length} point${points.length === 1 ? "" : "s"} on a copy of ${context.label}.`,
      notes,
    };
  },
};

/**
 * The `annotate` tool with default settings.
 *
 * @example
 * ```ts
 * import { annotateTool } from "interleaf/nodes";
 *
 * console.log(annotateTool.name); // "annotate"
 * ```
 */
export const annotateTool = imageOperationTool(annotateOperation);

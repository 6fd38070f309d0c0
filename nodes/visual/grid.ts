import { z } from "zod";
import { ColorSchema, hexOf, rgbOf } from "./color.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
import { drawSvg, svgLabel } from "./svg-overlay.js";

const input = z.object({
  divisions: z.number().int().min(2).max(40).default(8).describe("About how many cells along the longer side."),
  color: ColorSchema.default("#ff2d2d").describe("Color of the lines."),
});

/** The "nice" step (1, 2, 2.5 or 5 × 10^k) closest above `raw`. */
export function niceStep(raw: number): number {
  const exponent = Math.floor(Math.log10(raw));
  const base = 10 ** exponent;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * base >= raw) return m * base;
  return 10 * base;
}

/**
 * `grid`: overlays a labelled coordinate grid. Labels are coordinates of the image it is drawn on
 * in the dialect's convention (pixels, 0–1 or 0–1000), so the model can read off a box to crop.
 */
export const gridOperation: ImageOperation<typeof input.shape> = {
  name: "grid",
  description: "Overlays a coordinate grid with labelled lines on a copy of an image, to help read off the coordinates of a region before cropping.",
  input,
  example: { divisions: 8 },
  async apply(raster, { divisions, color }, context) {
    const [kx, ky] = context.tool.toPixels([1, 1, 1, 1], context.image);
    const extentX = raster.width / kx;
    const extentY = raster.height / ky;
    const step = niceStep(Math.max(extentX, extentY) / divisions);
    const short = Math.min(raster.width, raster.height);
    const stroke = Math.max(1, Math.round(short / 600));
    const fontSize = Math.max(10, Math.round(short / 50));
    const hex = hexOf(rgbOf(color));
    const parts: string[] = [];
    const format = (v: number) => String(Math.round(v * 1000) / 1000);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let v = step; v < extentX - step * 0.05; v += step) {
      const x = v * kx;
      xs.push(Math.round(v * 1000) / 1000);
      parts.push(`<line x1="${x}" y1="0" x2="${x}" y2="${raster.height}" stroke="${hex}" stroke-opacity="0.7" stroke-width="${stroke}"/>`);
      parts.push(svgLabel(format(v), Math.round(x + 2), 2, fontSize, hex));
    }
    for (let v = step; v < extentY - step * 0.05; v += step) {
      const y = v * ky;
      ys.push(Math.round(v * 1000) / 1000);
      parts.push(`<line x1="0" y1="${y}" x2="${raster.width}" y2="${y}" stroke="${hex}" stroke-opacity="0.7" stroke-width="${stroke}"/>`);
      parts.push(svgLabel(format(v), 2, Math.round(y + 2), fontSize, hex));
    }
    return {
      images: [{ raster: await drawSvg(raster, parts.join("")), graphic: true, params: { step, divisions } }],
      text: `Drew a grid every ${format(step)} (in your coordinates of ${context.label}) on a copy of it; the labels give the coordinate of each line.`,
      data: { step, x_lines: xs, y_lines: ys, convention: context.tool.coordinates },
    };
  },
};

/**
 * The `grid` tool with default settings.
 *
 * @example
 * ```ts
 * import { gridTool } from "interleaf/nodes";
 *
 * console.log(gridTool.name); // "grid"
 * ```
 */
export const gridTool = imageOperationTool(gridOperation);

import { z } from "zod";
import { formatBox } from "../../src/images/pixel-box.js";
import { hexOf } from "./color.js";
import { colorName } from "./color-name.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
import { BBoxSchema } from "./image-argument.js";

const input = z.object({
  bbox_2d: BBoxSchema.optional().describe("Region to measure, [x1, y1, x2, y2]; the whole image when omitted."),
  bins: z.number().int().min(2).max(256).default(16).describe("Histogram bins per channel."),
});

/**
 * `measure_color`: numbers, not an image: mean and standard deviation of R, G, B and brightness
 * in a region, its color as hex and as a name, and a per-channel histogram.
 */
export const measureColorOperation: ImageOperation<typeof input.shape> = {
  name: "measure_color",
  description: "Measures the color of a region (or the whole image): mean RGB, hex, a color name, spread and per-channel histogram. Returns numbers, not an image.",
  input,
  example: { bbox_2d: [100, 100, 200, 200] },
  async apply(raster, { bbox_2d, bins }, context) {
    const region = bbox_2d ? context.box(bbox_2d, { minSize: 1 }) : { box: [0, 0, raster.width, raster.height] as [number, number, number, number], left: 0, top: 0, width: raster.width, height: raster.height, notes: [] };
    const C = raster.channels;
    const sums = [0, 0, 0];
    const squares = [0, 0, 0];
    const histogram = [new Array<number>(bins).fill(0), new Array<number>(bins).fill(0), new Array<number>(bins).fill(0)];
    let opaque = 0;
    for (let y = region.top; y < region.top + region.height; y++) {
      for (let x = region.left; x < region.left + region.width; x++) {
        const o = (y * raster.width + x) * C;
        if (C === 4 && (raster.data[o + 3] as number) === 0) continue;
        opaque++;
        for (let k = 0; k < 3; k++) {
          const v = raster.data[o + k] as number;
          sums[k] = (sums[k] as number) + v;
          squares[k] = (squares[k] as number) + v * v;
          const bin = Math.floor((v * bins) / 256);
          const channel = histogram[k] as number[];
          channel[bin] = (channel[bin] as number) + 1;
        }
      }
    }
    const n = Math.max(1, opaque);
    const mean = sums.map((s) => s / n);
    const std = squares.map((s, k) => Math.sqrt(Math.max(0, s / n - (mean[k] as number) ** 2)));
    const [r, g, b] = mean as [number, number, number];
    const brightness = 0.299 * r + 0.587 * g + 0.114 * b;
    const round1 = (v: number) => Math.round(v * 10) / 10;
    const hex = hexOf(mean);
    const name = colorName(r, g, b);
    return {
      text:
        `Region ${formatBox(region.box)} of ${context.label} (${region.width}×${region.height} px): mean color ${hex} ≈ ${name}, ` +
        `RGB (${round1(r)}, ${round1(g)}, ${round1(b)}), spread (${std.map(round1).join(", ")}), brightness ${round1(brightness)}/255. ` +
        `Per-channel histograms (${bins} bins) are in the data.`,
      notes: region.notes,
      data: {
        box: region.box,
        pixels: opaque,
        mean: { r: round1(r), g: round1(g), b: round1(b) },
        std: { r: round1(std[0] as number), g: round1(std[1] as number), b: round1(std[2] as number) },
        hex,
        name,
        brightness: round1(brightness),
        histogram: { bins, r: histogram[0], g: histogram[1], b: histogram[2] },
      },
    };
  },
};

/**
 * The `measure_color` tool with default settings.
 *
 * @example
 * ```ts
 * import { measureColorTool } from "interleaf/nodes";
 *
 * console.log(measureColorTool.name); // "measure_color"
 * ```
 */
export const measureColorTool = imageOperationTool(measureColorOperation);

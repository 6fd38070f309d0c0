import { z } from "zod";
import type { Affine } from "../../src/images/image-ref.js";
import { rasterOf, sharpOf, type Raster } from "../../src/images/raster.js";
import { ColorSchema, rgbOf } from "./color.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({
  angle: z.number().finite().describe("Degrees, clockwise; any angle (e.g. 90, -15.5)."),
  fill: ColorSchema.default("#000000").describe("Color of the corners the rotation uncovers."),
});

/**
 * The size of an image rotated by `angle` degrees (clockwise) on an expanded canvas, and the map
 * from its pixels back to the unrotated image's (rotation about the centres).
 */
export function rotationGeometry(width: number, height: number, angle: number): { width: number; height: number; toParent: Affine } {
  const a = ((angle % 360) + 360) % 360;
  const quarter = a % 90 === 0;
  const rad = (a * Math.PI) / 180;
  const c = quarter ? [1, 0, -1, 0][a / 90] ?? 1 : Math.cos(rad);
  const s = quarter ? [0, 1, 0, -1][a / 90] ?? 0 : Math.sin(rad);
  const W = quarter ? (a % 180 === 0 ? width : height) : Math.ceil(width * Math.abs(c) + height * Math.abs(s) - 1e-6);
  const H = quarter ? (a % 180 === 0 ? height : width) : Math.ceil(width * Math.abs(s) + height * Math.abs(c) - 1e-6);
  const toParent: Affine = [c, s, width / 2 - (c * W) / 2 - (s * H) / 2, -s, c, height / 2 + (s * W) / 2 - (c * H) / 2];
  return { width: W, height: H, toParent };
}

/**
 * `rotate`: rotates by any angle, clockwise, on a canvas expanded to hold the whole image.
 * Multiples of 90° are exact pixel moves; other angles are resampled bilinearly about the centre,
 * so the recorded map to the parent is exact.
 */
export const rotateOperation: ImageOperation<typeof input.shape> = {
  name: "rotate",
  description: "Rotates an image clockwise by any angle (negative: counter-clockwise); the canvas grows to keep every pixel.",
  input,
  example: { angle: 90 },
  async apply(raster, { angle, fill }, context) {
    const geometry = rotationGeometry(raster.width, raster.height, angle);
    const a = ((angle % 360) + 360) % 360;
    const rotated = a % 90 === 0 ? await rasterOf(sharpOf(raster).rotate(a)) : rotateBilinear(raster, geometry, rgbOf(fill));
    return {
      images: [{ raster: rotated, toParent: geometry.toParent, params: { angle, fill } }],
      text: `Rotated ${context.label} by ${angle}° clockwise.`,
    };
  },
};

function rotateBilinear(src: Raster, geometry: { width: number; height: number; toParent: Affine }, fill: [number, number, number]): Raster {
  const { width: W, height: H, toParent } = geometry;
  const [a, b, c, d, e, f] = toParent;
  const C = src.channels;
  const sw = src.width;
  const sh = src.height;
  const s = src.data;
  const out = Buffer.allocUnsafe(W * H * C);
  const background = C === 4 ? [...fill, 0] : C === 2 ? [fill[0], 0] : C === 1 ? [fill[0]] : fill;
  for (let y = 0; y < H; y++) {
    const qy = y + 0.5;
    for (let x = 0; x < W; x++) {
      const qx = x + 0.5;
      const px = a * qx + b * qy + c - 0.5;
      const py = d * qx + e * qy + f - 0.5;
      const x0 = Math.floor(px);
      const y0 = Math.floor(py);
      const fx = px - x0;
      const fy = py - y0;
      const o = (y * W + x) * C;
      if (x0 < -1 || y0 < -1 || x0 >= sw || y0 >= sh) {
        for (let k = 0; k < C; k++) out[o + k] = background[k] as number;
        continue;
      }
      const in00 = x0 >= 0 && y0 >= 0;
      const in10 = x0 + 1 < sw && y0 >= 0;
      const in01 = x0 >= 0 && y0 + 1 < sh;
      const in11 = x0 + 1 < sw && y0 + 1 < sh;
      const i00 = (y0 * sw + x0) * C;
      const i10 = i00 + C;
      const i01 = i00 + sw * C;
      const i11 = i01 + C;
      for (let k = 0; k < C; k++) {
        const bg = background[k] as number;
        const v00 = in00 ? (s[i00 + k] as number) : bg;
        const v10 = in10 ? (s[i10 + k] as number) : bg;
        const v01 = in01 ? (s[i01 + k] as number) : bg;
        const v11 = in11 ? (s[i11 + k] as number) : bg;
        const top = v00 + (v10 - v00) * fx;
        const bottom = v01 + (v11 - v01) * fx;
        out[o + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return { data: out, width: W, height: H, channels: C };
}

/**
 * The `rotate` tool with default settings.
 *
 * @example
 * ```ts
 * import { rotateTool } from "interleaf/nodes";
 *
 * console.log(rotateTool.name); // "rotate"
 * ```
 */
export const rotateTool = imageOperationTool(rotateOperation);

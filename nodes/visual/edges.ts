import { z } from "zod";
import { lumaOf, type Raster } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";

const input = z.object({});

/**
 * Sobel gradient magnitude of the luma, scaled so the strongest edge is 255 (one channel; border
 * pixels use the nearest inside value).
 */
export function sobelEdges(raster: Raster): Raster {
  const { width: W, height: H } = raster;
  const luma = lumaOf(raster);
  const magnitude = new Float32Array(W * H);
  let max = 0;
  const at = (x: number, y: number) => luma[Math.min(H - 1, Math.max(0, y)) * W + Math.min(W - 1, Math.max(0, x))] as number;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const gx = at(x + 1, y - 1) + 2 * at(x + 1, y) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x - 1, y) - at(x - 1, y + 1);
      const gy = at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1) - at(x - 1, y - 1) - 2 * at(x, y - 1) - at(x + 1, y - 1);
      const m = Math.sqrt(gx * gx + gy * gy);
      magnitude[y * W + x] = m;
      if (m > max) max = m;
    }
  }
  const out = Buffer.allocUnsafe(W * H);
  const scale = max > 0 ? 255 / max : 0;
  for (let i = 0; i < W * H; i++) out[i] = Math.round((magnitude[i] as number) * scale);
  return { data: out, width: W, height: H, channels: 1 };
}

/** `edges`: an edge map (Sobel magnitude), stored losslessly. */
export const edgesOperation: ImageOperation<typeof input.shape> = {
  name: "edges",
  description: "Computes an edge map (Sobel gradient magnitude): white where brightness changes sharply. Helps count objects and trace outlines.",
  input,
  example: {},
  async apply(raster, _args, context) {
    return { images: [{ raster: sobelEdges(raster), graphic: true, params: { method: "sobel" } }], text: `Computed the edge map of ${context.label}.` };
  },
};

/**
 * The `edges` tool with default settings.
 *
 * @example
 * ```ts
 * import { edgesTool } from "interleaf/nodes";
 *
 * console.log(edgesTool.name); // "edges"
 * ```
 */
export const edgesTool = imageOperationTool(edgesOperation);

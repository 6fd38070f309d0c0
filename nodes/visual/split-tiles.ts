import { z } from "zod";
import { extractRegion } from "../../src/images/raster.js";
import { imageOperationTool, type ImageOperation, type OperationImage } from "./image-operation-tool.js";

const input = z.object({
  rows: z.number().int().min(1).max(8).default(2).describe("Rows of tiles."),
  cols: z.number().int().min(1).max(8).default(2).describe("Columns of tiles."),
  overlap: z.number().min(0).max(0.5).default(0).describe("Overlap between neighbouring tiles, as a fraction of a tile (0–0.5)."),
});

/** `split_tiles`: cuts an image into a grid of tiles (row by row), each an exact crop. */
export const splitTilesOperation: ImageOperation<typeof input.shape> = {
  name: "split_tiles",
  description: "Splits an image into a grid of tiles (rows × cols, optionally overlapping), returned row by row, to scan a large image piece by piece.",
  input,
  example: { rows: 2, cols: 2 },
  async apply(raster, { rows, cols, overlap }, context) {
    const stepX = raster.width / cols;
    const stepY = raster.height / rows;
    const images: OperationImage[] = [];
    const boxes: number[][] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const x1 = Math.max(0, Math.round(c * stepX - overlap * stepX));
        const x2 = Math.min(raster.width, Math.max(x1 + 1, Math.round((c + 1) * stepX + overlap * stepX)));
        const y1 = Math.max(0, Math.round(r * stepY - overlap * stepY));
        const y2 = Math.min(raster.height, Math.max(y1 + 1, Math.round((r + 1) * stepY + overlap * stepY)));
        const tile = extractRegion(raster, Math.min(x1, raster.width - 1), Math.min(y1, raster.height - 1), x2 - x1, y2 - y1);
        images.push({ raster: tile, toParent: [1, 0, x1, 0, 1, y1], params: { box: [x1, y1, x2, y2], row: r + 1, col: c + 1 } });
        boxes.push([x1, y1, x2, y2]);
      }
    }
    return { images, text: `Split ${context.label} into ${rows}×${cols} tiles${overlap ? ` overlapping by ${overlap * 100}%` : ""}.`, data: { tiles: boxes } };
  },
};

/**
 * The `split_tiles` tool with default settings.
 *
 * @example
 * ```ts
 * import { splitTilesTool } from "interleaf/nodes";
 *
 * console.log(splitTilesTool.name); // "split_tiles"
 * ```
 */
export const splitTilesTool = imageOperationTool(splitTilesOperation);

// Visual operations: typed tools on sharp for thinking with images (crop, zoom, rotate, ...).
import type { AnyTool } from "../../src/tools/tool.js";
import { adjustOperation } from "./adjust.js";
import { annotateOperation } from "./annotate.js";
import { cropOperation } from "./crop.js";
import { defineImageOperation, type ImageOperation } from "./define-image-operation.js";
import { denoiseOperation } from "./denoise.js";
import { edgesOperation } from "./edges.js";
import { equalizeOperation } from "./equalize.js";
import { flipOperation } from "./flip.js";
import { grayscaleOperation } from "./grayscale.js";
import { gridOperation } from "./grid.js";
import { invertOperation } from "./invert.js";
import { measureColorOperation } from "./measure-color.js";
import { createMeasureSizeTool } from "./measure-size.js";
import { resizeOperation } from "./resize.js";
import { rotateOperation } from "./rotate.js";
import { sharpenOperation } from "./sharpen.js";
import { splitTilesOperation } from "./split-tiles.js";
import { thresholdOperation } from "./threshold.js";
import { zoomOperation } from "./zoom.js";
import { resolveVisualSettings, type VisualToolOptions } from "./visual-settings.js";

export { defineImageOperation } from "./define-image-operation.js";
export type { ImageOperation, ImageOperationContext, ImageOperationInput, ImageOperationResult, OperationImage } from "./define-image-operation.js";
export { resolveVisualSettings } from "./visual-settings.js";
export type { VisualSettings, VisualToolOptions } from "./visual-settings.js";
export { ImageNameSchema, BBoxSchema, LabelSchema } from "./image-argument.js";
export { ColourSchema } from "./colour.js";
export { cropOperation, cropTool } from "./crop.js";
export { zoomOperation, zoomTool } from "./zoom.js";
export { rotateOperation, rotateTool, rotationGeometry } from "./rotate.js";
export { flipOperation, flipTool } from "./flip.js";
export { resizeOperation, resizeTool } from "./resize.js";
export { adjustOperation, adjustTool, adjustRaster } from "./adjust.js";
export { sharpenOperation, sharpenTool } from "./sharpen.js";
export { denoiseOperation, denoiseTool } from "./denoise.js";
export { grayscaleOperation, grayscaleTool } from "./grayscale.js";
export { invertOperation, invertTool } from "./invert.js";
export { thresholdOperation, thresholdTool, otsuThreshold } from "./threshold.js";
export { equalizeOperation, equalizeTool, equalizeRaster, claheRaster } from "./equalize.js";
export { edgesOperation, edgesTool, sobelEdges } from "./edges.js";
export { annotateOperation, annotateTool } from "./annotate.js";
export { gridOperation, gridTool, niceStep } from "./grid.js";
export { splitTilesOperation, splitTilesTool } from "./split-tiles.js";
export { measureColorOperation, measureColorTool } from "./measure-color.js";
export { createMeasureSizeTool, measureSizeTool } from "./measure-size.js";

/** The built-in image operations, in the order their tools are listed. */
export const builtInImageOperations: readonly ImageOperation[] = [
  cropOperation,
  zoomOperation,
  rotateOperation,
  flipOperation,
  resizeOperation,
  adjustOperation,
  sharpenOperation,
  denoiseOperation,
  grayscaleOperation,
  invertOperation,
  thresholdOperation,
  equalizeOperation,
  edgesOperation,
  annotateOperation,
  gridOperation,
  splitTilesOperation,
  measureColorOperation,
] as readonly ImageOperation[];

/**
 * Every visual tool, sharing one engine and one set of settings: crop, zoom, rotate, flip,
 * resize, adjust, sharpen, denoise, grayscale, invert, threshold, equalize, edges, annotate,
 * grid, split_tiles, measure_color and measure_size. Pass `only` to pick some.
 *
 * @example
 * ```ts
 * import { ToolRegistry, createImageEngine } from "interleaf";
 * import { visualTools } from "interleaf/nodes";
 *
 * const engine = createImageEngine({ cacheBytes: 512 * 1024 * 1024 });
 * const tools = new ToolRegistry(visualTools({ engine, minCropSize: 64 }));
 * console.log(tools.has("zoom")); // true
 * ```
 */
export function visualTools(options: VisualToolOptions & { only?: readonly string[] } = {}): AnyTool[] {
  const settings = resolveVisualSettings(options);
  const tools: AnyTool[] = [...builtInImageOperations.map((operation) => defineImageOperation(operation, settings)), createMeasureSizeTool(settings)];
  return options.only ? tools.filter((tool) => options.only?.includes(tool.name)) : tools;
}

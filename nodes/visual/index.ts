// Visual operations: typed tools on sharp for thinking with images (crop, zoom, rotate, ...).
import type { AnyTool } from "../../src/tools/tool.js";
import { adjustOperation } from "./adjust.js";
import { annotateOperation } from "./annotate.js";
import { cropOperation } from "./crop.js";
import { imageOperationTool, type ImageOperation } from "./image-operation-tool.js";
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

export { imageOperationTool } from "./image-operation-tool.js";
export type { ImageOperation, ImageOperationContext, ImageOperationInput, ImageOperationResult, OperationImage } from "./image-operation-tool.js";
export type { VisualToolOptions, VisualSettings } from "./visual-settings.js";
export { ImageNameSchema, BBoxSchema, LabelSchema } from "./image-argument.js";
export { ColorSchema } from "./color.js";
export { cropTool } from "./crop.js";
export { zoomTool } from "./zoom.js";
export { rotateTool } from "./rotate.js";
export { flipTool } from "./flip.js";
export { resizeTool } from "./resize.js";
export { adjustTool } from "./adjust.js";
export { sharpenTool } from "./sharpen.js";
export { denoiseTool } from "./denoise.js";
export { grayscaleTool } from "./grayscale.js";
export { invertTool } from "./invert.js";
export { thresholdTool } from "./threshold.js";
export { equalizeTool } from "./equalize.js";
export { edgesTool } from "./edges.js";
export { annotateTool } from "./annotate.js";
export { gridTool } from "./grid.js";
export { splitTilesTool } from "./split-tiles.js";
export { measureColorTool } from "./measure-color.js";
export { createMeasureSizeTool, measureSizeTool } from "./measure-size.js";

/** The built-in image operations, in the order their tools are listed. */
const builtInImageOperations: readonly ImageOperation[] = [
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
 * import { ToolRegistry } from "interleaf";
import { createImageEngine } from "../../src/images/image-engine.js";
 * import { visualTools } from "interleaf/nodes";
 *
 * const engine = createImageEngine({ cacheBytes: 512 * 1024 * 1024 });
 * const tools = new ToolRegistry(visualTools({ engine, minCropSize: 64 }));
 * console.log(tools.has("zoom")); // true
 * ```
 */
export function visualTools(options: VisualToolOptions & { only?: readonly string[] } = {}): AnyTool[] {
  const settings = resolveVisualSettings(options);
  const tools: AnyTool[] = [...builtInImageOperations.map((operation) => imageOperationTool(operation, settings)), createMeasureSizeTool(settings)];
  return options.only ? tools.filter((tool) => options.only?.includes(tool.name)) : tools;
}

import { createImageEngine, defaultImageEngine, type ImageEngine } from "../../src/images/image-engine.js";
import { DEFAULT_MODEL_IMAGE_SIZING, type ModelImageSizing } from "../../src/images/model-input-size.js";

/** Options of the visual tools ({@link visualTools}, {@link imageOperationTool}). */
export interface VisualToolOptions {
  /** Decoder, raster cache and encode policy. Default: the process-wide engine. */
  engine?: ImageEngine;
  /**
   * Pixel limit for decoding, when no `engine` is given: the tools then get their own engine with
   * this limit (and a default cache). Default: the process-wide engine's 100 megapixels.
   */
  maxPixels?: number;
  /**
   * Crops (and zooms, tiles) with a side shorter than this are enlarged around their centre.
   * Default 28 (DeepEyes; one 28-px token patch of Qwen2.5-VL); Thyme and R1V4's sandbox use 64.
   */
  minCropSize?: number;
  /**
   * `zoom` upscales a crop until its short side reaches this. Default 448: 16 patches of 28 px,
   * and the tile size of InternViT-style encoders, so a zoomed detail spans enough tokens to be
   * read, while larger floors only add tokens without adding information.
   */
  zoomShortSide?: number;
  /** `zoom` never upscales a crop's long side past this (a thin strip stays affordable). Default 2048. */
  zoomMaxLongSide?: number;
  /** The model's image budget, for the token estimates reported with every produced image. */
  sizing?: ModelImageSizing;
}

/** {@link VisualToolOptions} with every default filled in (`maxPixels` has become the `engine`). */
export type VisualSettings = Required<Omit<VisualToolOptions, "maxPixels">>;

/** Fills in the defaults of {@link VisualToolOptions}. */
export function resolveVisualSettings(options: VisualToolOptions = {}): VisualSettings {
  return {
    engine: options.engine ?? (options.maxPixels !== undefined ? createImageEngine({ maxPixels: options.maxPixels }) : defaultImageEngine()),
    minCropSize: options.minCropSize ?? 28,
    zoomShortSide: options.zoomShortSide ?? 448,
    zoomMaxLongSide: options.zoomMaxLongSide ?? 2048,
    sizing: options.sizing ?? DEFAULT_MODEL_IMAGE_SIZING,
  };
}

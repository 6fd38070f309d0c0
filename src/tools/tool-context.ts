import type { Box, CoordinateConvention } from "../images/coordinates.js";
import { boxToPixels } from "../images/coordinates.js";
import { ImageGallery } from "../images/gallery.js";
import type { ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";
import { MemoryImageStore } from "../images/memory-image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING, modelInputSize, type ModelImageSizing } from "../images/model-input-size.js";
import { MemoryResultCache } from "../storage/memory-result-cache.js";
import type { ResultCache } from "../storage/result-cache.js";
import type { ToolContext } from "./tool.js";

/** Options for {@link createToolContext}; everything has a default fit for tests. */
export interface ToolContextOptions {
  images?: ImageStore;
  cache?: ResultCache;
  /** Input images of the run. */
  inputs?: readonly ImageRef[];
  /** Images tools produced so far, in order ("observation 1", ...). */
  produced?: readonly ImageRef[];
  /** The run's gallery as it is; when given, `inputs` and `produced` are not used. */
  gallery?: ImageGallery;
  coordinates?: CoordinateConvention;
  /**
   * With `pixels` coordinates: whether the model's pixels are those of the real image (`image`,
   * R1V4 and Thyme) or of the resized copy it was sent (`sent`, raw Qwen2.5-VL grounding).
   */
  pixelSpace?: "image" | "sent";
  sizing?: ModelImageSizing;
  question?: string;
  callId?: string;
  signal?: AbortSignal;
  now?: () => number;
}

/**
 * Builds the context a tool runs with. The executor calls it for every tool call; tests call it
 * to run a tool on its own.
 *
 * @example
 * ```ts
 * import { createToolContext } from "interleaf/testing";
 *
 * const context = createToolContext({ question: "What is on the sign?" });
 * console.log(context.coordinates); // "pixels"
 * ```
 */
export function createToolContext(options: ToolContextOptions = {}): ToolContext {
  const coordinates = options.coordinates ?? "pixels";
  const sizing = options.sizing ?? DEFAULT_MODEL_IMAGE_SIZING;
  const pixelSpace = options.pixelSpace ?? "image";
  return {
    signal: options.signal ?? new AbortController().signal,
    images: options.images ?? new MemoryImageStore(),
    cache: options.cache ?? new MemoryResultCache(),
    gallery: options.gallery ?? new ImageGallery(options.inputs ?? [], options.produced ?? []),
    coordinates,
    toPixels(box: Box, image: ImageRef): Box {
      const seen = pixelSpace === "sent" ? modelInputSize(image.width, image.height, sizing) : undefined;
      return boxToPixels(box, coordinates, image, seen);
    },
    question: options.question ?? "",
    callId: options.callId ?? "call-0",
    now: options.now ?? Date.now,
  };
}

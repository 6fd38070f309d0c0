import sharp from "sharp";
import type { Box } from "./coordinates.js";
import type { ImageEngine } from "./image-engine.js";
import { JPEG_OPTIONS } from "./encode-image.js";
import { defaultImageEngine } from "./image-engine.js";
import type { ImageRef } from "./image-ref.js";
import type { ImageStore } from "./image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING, modelInputSize, type ModelImageSizing } from "./model-input-size.js";
import { hasAlpha, sharpOf } from "./raster.js";

/** An image ready to put in a model request. */
export interface ModelImage {
  bytes: Buffer;
  mime: "image/jpeg" | "image/png";
  /** The size sent (a multiple of the sizing's patch). */
  width: number;
  height: number;
  /** Estimated image tokens. */
  tokens: number;
  /** The size of the real image, for mapping coordinates back. */
  imageWidth: number;
  imageHeight: number;
  /** Whether the stored bytes were sent unchanged. */
  unchanged: boolean;
}

/** Options for {@link prepareModelImage}. */
export interface PrepareModelImageOptions {
  /** The engine whose raster cache and pixel limit to use. Default: the process-wide engine. */
  engine?: ImageEngine;
}

/**
 * Resizes an image to a model's pixel budget (Qwen-VL smart resize: sides multiples of the patch,
 * pixel count within `[minPixels, maxPixels]`) and encodes it for a request: EXIF orientation
 * applied, alpha flattened onto white, JPEG for photos and PNG for PNG sources. The stored bytes
 * are sent unchanged when they already fit. Reports the sent size and the token estimate;
 * {@link boxFromSentImage} maps boxes the model gives on the sent image back to the real one.
 *
 * @example
 * ```ts
 * import sharp from "sharp";
 * import { MemoryImageStore } from "interleaf/storage";
 * import { ingestImage, prepareModelImage } from "interleaf/images";
 *
 * const store = new MemoryImageStore();
 * const jpeg = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "gray" } }).jpeg().toBuffer();
 * const ref = await ingestImage(store, jpeg);
 * const sent = await prepareModelImage(store, ref);
 * console.log(sent.width, sent.height, sent.tokens); // 1148 840 1230
 * ```
 */
export async function prepareModelImage(
  store: ImageStore,
  ref: ImageRef,
  sizing: ModelImageSizing = DEFAULT_MODEL_IMAGE_SIZING,
  options: PrepareModelImageOptions = {},
): Promise<ModelImage> {
  const engine = options.engine ?? defaultImageEngine();
  const key = `${ref.id}|${sizing.patch}|${sizing.minPixels}|${sizing.maxPixels}`;
  const cached = engine.prepared.get(key) as ModelImage | undefined;
  if (cached) return cached;
  const prepared = await prepare(store, ref, sizing, engine);
  engine.prepared.set(key, prepared);
  return prepared;
}

async function prepare(store: ImageStore, ref: ImageRef, sizing: ModelImageSizing, engine: ImageEngine): Promise<ModelImage> {
  const target = modelInputSize(ref.width, ref.height, sizing);
  const base = { width: target.width, height: target.height, tokens: target.tokens, imageWidth: ref.width, imageHeight: ref.height };
  if (target.width === ref.width && target.height === ref.height && (ref.mime === "image/jpeg" || ref.mime === "image/png")) {
    const { bytes } = await store.get(ref.id);
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((meta.orientation ?? 1) === 1 && !meta.hasAlpha) {
      return { ...base, bytes: Buffer.from(bytes), mime: ref.mime, unchanged: true };
    }
  }
  const raster = await engine.raster(ref, store);
  let pipeline = sharpOf(raster);
  if (hasAlpha(raster)) pipeline = pipeline.flatten({ background: "#ffffff" });
  if (target.width !== raster.width || target.height !== raster.height) {
    pipeline = pipeline.resize(target.width, target.height, { fit: "fill", kernel: "lanczos3" });
  }
  if (ref.mime === "image/png") {
    return { ...base, bytes: await pipeline.png({ compressionLevel: 4 }).toBuffer(), mime: "image/png", unchanged: false };
  }
  return { ...base, bytes: await pipeline.jpeg(JPEG_OPTIONS).toBuffer(), mime: "image/jpeg", unchanged: false };
}

/**
 * Maps a box in pixels of the image as sent to a model (after {@link prepareModelImage}) back to
 * pixels of the real image.
 *
 * @example
 * ```ts
 * import { boxFromSentImage } from "interleaf/images";
 *
 * const ref = { width: 7680, height: 4320 };
 * console.log(boxFromSentImage([0, 0, 100, 100], ref).map(Math.round)); // [0, 0, 584, 593]
 * ```
 */
export function boxFromSentImage(
  box: Box,
  image: { width: number; height: number },
  sizing: ModelImageSizing = DEFAULT_MODEL_IMAGE_SIZING,
): Box {
  const sent = modelInputSize(image.width, image.height, sizing);
  const sx = image.width / sent.width;
  const sy = image.height / sent.height;
  return [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy];
}

/**
 * Images as data: references and their provenance, decoding and encoding, the raster engine the
 * visual tools share, boxes and coordinates, what a model is sent.
 *
 * @packageDocumentation
 * @module interleaf/images
 */
export { ImageRefSchema, IDENTITY_AFFINE, type ImageRef, type Affine, type ImageOp } from "./image-ref.js";
export { BoxSchema, boxToPixels, type Box, type CoordinateConvention } from "./coordinates.js";
export type { ImageStore } from "./image-store.js";
export { contentId } from "./content-id.js";
export { ImageGallery, type GalleryEntry } from "./gallery.js";
export { ingestImage, composeAffine, type IngestOptions, type Provenance } from "./ingest.js";
export { applyAffine, invertAffine, mapBox } from "./affine-map.js";
export { originBox, toOriginMap } from "./origin-box.js";
export { intersectionOverUnion } from "./box-overlap.js";
export { decodeImage, readImageHeader, DEFAULT_MAX_PIXELS, type DecodeOptions, type ImageHeader } from "./decode-image.js";
export { DEFAULT_MAX_PRODUCED_PIXELS } from "./ingest-tool-image.js";
export { encodeRaster, type EncodedImage, type EncodeHints, type EncodingPolicy } from "./encode-image.js";
export { createImageEngine, ImageEngine, DEFAULT_RASTER_CACHE_BYTES, type ImageEngineOptions, type ImageEngineStats, type ProducedRaster } from "./image-engine.js";
export { RasterCache, type RasterCacheStats } from "./raster-cache.js";
export { rasterOf, sharpOf, type Raster } from "./raster.js";
export { resolvePixelBox, formatBox, type PixelBoxOptions, type ResolvedPixelBox } from "./pixel-box.js";
export { prepareModelImage, boxFromSentImage, type ModelImage, type PrepareModelImageOptions } from "./prepare-model-image.js";
export { modelInputSize, DEFAULT_MODEL_IMAGE_SIZING, type ModelImageSizing } from "./model-input-size.js";

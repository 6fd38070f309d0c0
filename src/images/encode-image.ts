import { hasAlpha, sharpOf, type Raster } from "./raster.js";

/**
 * How produced images are encoded:
 * - `auto`: PNG when the image has alpha, is a graphic (mask, annotation, edge map) or comes
 *   from a lossless source (PNG, GIF, TIFF); JPEG otherwise (photos);
 * - `png`: always PNG (lossless: a produced image decodes to exactly the pixels computed);
 * - `jpeg`: always JPEG (alpha is flattened onto white).
 */
export type EncodingPolicy = "auto" | "png" | "jpeg";

/** Hints for {@link encodeRaster}. */
export interface EncodeHints {
  /** A mask, annotation or other graphic: keep edges crisp (PNG under `auto`). */
  graphic?: boolean;
  /** MIME type of the image it was made from. */
  sourceMime?: string;
  /** JPEG quality, 1–100. Default 90. */
  jpegQuality?: number;
}

/** Encoded image bytes and their MIME type. */
export interface EncodedImage {
  bytes: Buffer;
  mime: "image/png" | "image/jpeg";
}

/**
 * JPEG settings for produced photos: 4:4:4 chroma keeps small coloured text legible; Huffman
 * optimisation is off because it triples encode time for ~10% smaller files.
 */
export const JPEG_OPTIONS = { quality: 90, chromaSubsampling: "4:4:4", optimiseCoding: false } as const;

const LOSSLESS_SOURCES = new Set(["image/png", "image/gif", "image/tiff"]);

/** Whether a raster would be written as PNG under a policy. */
export function encodesLossless(raster: Raster, policy: EncodingPolicy, hints: EncodeHints = {}): boolean {
  if (policy !== "auto") return policy === "png";
  return hasAlpha(raster) || hints.graphic === true || (hints.sourceMime !== undefined && LOSSLESS_SOURCES.has(hints.sourceMime));
}

/**
 * Encodes a raster under an {@link EncodingPolicy}: JPEG with `JPEG_OPTIONS`, PNG with a
 * moderate compression level to keep encoding fast.
 */
export async function encodeRaster(raster: Raster, policy: EncodingPolicy, hints: EncodeHints = {}): Promise<EncodedImage> {
  if (encodesLossless(raster, policy, hints)) {
    const bytes = await sharpOf(raster).png({ compressionLevel: 4, adaptiveFiltering: false }).toBuffer();
    return { bytes, mime: "image/png" };
  }
  let pipeline = sharpOf(raster);
  if (hasAlpha(raster)) pipeline = pipeline.flatten({ background: "#ffffff" });
  const bytes = await pipeline.jpeg({ ...JPEG_OPTIONS, quality: hints.jpegQuality ?? 90 }).toBuffer();
  return { bytes, mime: "image/jpeg" };
}

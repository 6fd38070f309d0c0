import sharp, { type Metadata } from "sharp";
import { InterleafError } from "../errors/index.js";
import type { ImageOp, ImageRef, Affine } from "./image-ref.js";
import type { ImageStore } from "./image-store.js";

/** Default pixel limit for any image interleaf decodes: 100 megapixels (above 8K×8K... ×1.5). */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** Where a produced image came from. */
export interface Provenance {
  parent: ImageRef;
  op: ImageOp;
  /** Maps the new image's pixels to the parent's; composed with the parent's own map. */
  toParent?: Affine;
}

/** Options for {@link ingestImage}. */
export interface IngestOptions {
  provenance?: Provenance;
  /** Refuse images with more pixels than this, before decoding them. */
  maxPixels?: number;
}

const MIME_BY_FORMAT: Record<string, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  tiff: "image/tiff",
  avif: "image/avif",
  heif: "image/heif",
  svg: "image/svg+xml",
};

/**
 * Stores encoded image bytes and returns their {@link ImageRef}. The format is read from the bytes
 * (a file extension may lie); dimensions come from the header, and images above the pixel limit
 * are refused before any decode.
 *
 * @example
 * ```ts
 * import sharp, { type Metadata } from "sharp";
 * import { MemoryImageStore, ingestImage } from "interleaf";
 *
 * const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "red" } }).png().toBuffer();
 * const ref = await ingestImage(new MemoryImageStore(), png);
 * console.log(ref.width, ref.height, ref.mime); // 4 3 image/png
 * ```
 */
export async function ingestImage(store: ImageStore, bytes: Uint8Array, options: IngestOptions = {}): Promise<ImageRef> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (bytes.byteLength === 0) throw new InterleafError("invalid_image", "the image is empty (0 bytes)");
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new InterleafError("invalid_image", "the bytes are not an image sharp can read (corrupt, truncated or an unsupported format)", { cause: error });
  }
  const mime = meta.format ? MIME_BY_FORMAT[meta.format] : undefined;
  if (!mime || !meta.width || !meta.height) {
    throw new InterleafError("unsupported_format", `unsupported image format: ${meta.format ?? "unknown"}`);
  }
  const pixels = meta.width * (meta.pageHeight ?? meta.height);
  if (pixels > maxPixels) {
    throw new InterleafError("image_too_large", `the image declares ${meta.width}×${meta.height} pixels, over the limit of ${maxPixels} pixels`, {
      details: { width: meta.width, height: meta.height, maxPixels },
    });
  }
  const id = await store.put(bytes, mime);
  const ref: ImageRef = { id, mime, width: meta.width, height: meta.pageHeight ?? meta.height };
  const prov = options.provenance;
  if (prov) {
    ref.parent = prov.parent.id;
    ref.op = prov.op;
    ref.origin = prov.parent.origin ?? prov.parent.id;
    if (prov.toParent) ref.toOrigin = composeAffine(prov.parent.toOrigin ?? [1, 0, 0, 0, 1, 0], prov.toParent);
  }
  return ref;
}

/** `outer ∘ inner`: first `inner` (child → parent), then `outer` (parent → origin). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer;
  const [g, h, i, j, k, l] = inner;
  return [a * g + b * j, a * h + b * k, a * i + b * l + c, d * g + e * j, d * h + e * k, d * i + e * l + f];
}

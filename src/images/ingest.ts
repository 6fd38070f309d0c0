import { DEFAULT_MAX_PIXELS, readImageHeader } from "./decode-image.js";
import type { ImageOp, ImageRef, Affine } from "./image-ref.js";
import { toOriginMap } from "./origin-box.js";
import type { ImageStore } from "./image-store.js";

export { DEFAULT_MAX_PIXELS } from "./decode-image.js";

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

/**
 * Stores encoded image bytes and returns their {@link ImageRef}. The format is read from the bytes
 * (a file extension may lie); dimensions come from the header as displayed (after EXIF
 * orientation; the first frame of an animation), and images above the pixel limit are refused
 * before any decode. Throws `InterleafError` (`invalid_image`, `unsupported_format`,
 * `image_too_large`) with a message saying what to do.
 *
 * @example
 * ```ts
 * import sharp from "sharp";
 * import { MemoryImageStore } from "interleaf/storage";
 * import { ingestImage } from "interleaf/images";
 *
 * const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "red" } }).png().toBuffer();
 * const ref = await ingestImage(new MemoryImageStore(), png);
 * console.log(ref.width, ref.height, ref.mime); // 4 3 image/png
 * ```
 */
export async function ingestImage(store: ImageStore, bytes: Uint8Array, options: IngestOptions = {}): Promise<ImageRef> {
  const header = await readImageHeader(bytes, options.maxPixels ?? DEFAULT_MAX_PIXELS);
  const id = await store.put(bytes, header.mime);
  const ref: ImageRef = { id, mime: header.mime, width: header.width, height: header.height };
  const prov = options.provenance;
  if (prov) {
    ref.parent = prov.parent.id;
    ref.op = prov.op;
    ref.origin = prov.parent.origin ?? prov.parent.id;
    // A parent made by an op without geometry (e.g. model code) has no map to the origin, so
    // neither has its child; an input image is its own origin (identity).
    const parentToOrigin = toOriginMap(prov.parent);
    if (prov.toParent && parentToOrigin) ref.toOrigin = composeAffine(parentToOrigin, prov.toParent);
  }
  return ref;
}

/** `outer ∘ inner`: first `inner` (child → parent), then `outer` (parent → origin). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
  const [a, b, c, d, e, f] = outer;
  const [g, h, i, j, k, l] = inner;
  return [a * g + b * j, a * h + b * k, a * i + b * l + c, d * g + e * j, d * h + e * k, d * i + e * l + f];
}

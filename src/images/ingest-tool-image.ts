import sharp from "sharp";
import { InterleafError } from "../errors/index.js";
import { DEFAULT_MAX_PIXELS, readImageHeader } from "./decode-image.js";
import { JPEG_OPTIONS } from "./encode-image.js";
import { ingestImage, type Provenance } from "./ingest.js";
import type { ImageRef } from "./image-ref.js";
import type { ImageStore } from "./image-store.js";

/**
 * Largest image a tool may add to a run, in pixels: 36 megapixels (an 8K photo is 33). Larger
 * tool outputs are downscaled to fit when they are stored: every image a run holds is decoded
 * again for later turns, so one oversized output would cost gigabytes on every request.
 */
export const DEFAULT_MAX_PRODUCED_PIXELS = 36_000_000;

/** Options for {@link ingestToolImage}. */
export interface IngestToolImageOptions {
  provenance?: Provenance;
  /** Outputs above this many pixels are downscaled to fit. Default {@link DEFAULT_MAX_PRODUCED_PIXELS}. */
  maxPixels?: number;
  /** Outputs whose header declares more pixels than this are refused undecoded. Default {@link DEFAULT_MAX_PIXELS}. */
  refuseAbovePixels?: number;
}

/**
 * Stores an image a tool produced from untrusted input (model-written code, a web page), after
 * checking that every pixel decodes: a truncated file or a header that lies is refused here, with
 * `invalid_image`, instead of breaking every later turn of the run. Outputs above
 * `maxPixels` are downscaled to fit (their provenance keeps the scale); a declared size above
 * `refuseAbovePixels` is refused before decoding (`image_too_large`).
 *
 * @internal
 */
export async function ingestToolImage(store: ImageStore, bytes: Uint8Array, options: IngestToolImageOptions = {}): Promise<ImageRef> {
  const refuseAbove = options.refuseAbovePixels ?? DEFAULT_MAX_PIXELS;
  const header = await readImageHeader(bytes, refuseAbove);
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PRODUCED_PIXELS;
  const pixels = header.width * header.height;
  // sharp's default `failOn: "warning"`, as every later decode uses: what passes here decodes there.
  const input = () => sharp(bytes, { limitInputPixels: refuseAbove }).rotate();
  try {
    if (pixels <= maxPixels) {
      // A full decode at a tiny size: reads every byte (JPEG shrink-on-load still parses all of it), allocates nothing large.
      await input().resize(8, 8, { fit: "fill" }).raw().toBuffer();
      return await ingestImage(store, bytes, { maxPixels: refuseAbove, ...(options.provenance ? { provenance: options.provenance } : {}) });
    }
    const scale = Math.sqrt(maxPixels / pixels);
    const width = Math.max(1, Math.floor(header.width * scale));
    const height = Math.max(1, Math.floor(header.height * scale));
    const resized = input().resize(width, height, { fit: "fill", kernel: "lanczos3" });
    const encoded = header.mime === "image/jpeg" ? await resized.jpeg(JPEG_OPTIONS).toBuffer() : await resized.png({ compressionLevel: 4 }).toBuffer();
    const provenance = options.provenance && {
      ...options.provenance,
      ...(options.provenance.toParent ? { toParent: scaled(options.provenance.toParent, header.width / width, header.height / height) } : {}),
    };
    return await ingestImage(store, encoded, { maxPixels: refuseAbove, ...(provenance ? { provenance } : {}) });
  } catch (error) {
    if (InterleafError.isInstance(error)) throw error;
    throw new InterleafError("invalid_image", "the image does not decode completely (truncated, or its header does not match its data); it was not kept", { cause: error });
  }
}

/** `toParent` after the image was scaled down by (sx, sy): new pixels → old pixels → parent. */
function scaled(toParent: NonNullable<Provenance["toParent"]>, sx: number, sy: number): NonNullable<Provenance["toParent"]> {
  const [a, b, c, d, e, f] = toParent;
  return [a * sx, b * sy, c, d * sx, e * sy, f];
}

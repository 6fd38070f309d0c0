import sharp, { type Metadata } from "sharp";
import { InterleafError } from "../errors/index.js";
import { MIME_BY_FORMAT, sniffUnsupportedFormat } from "./image-format.js";
import { rasterOf, toColorRaster, type Raster } from "./raster.js";

/** Default pixel limit for any image interleaf decodes: 100 megapixels (an 8K photo is 33). */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** What an image's header says, read without decoding its pixels. */
export interface ImageHeader {
  /** sharp's format name: `jpeg`, `png`, `webp`, ... */
  format: string;
  mime: string;
  /** Width and height as displayed, after EXIF orientation. */
  width: number;
  height: number;
  /** Frames of an animated image (1 for still images); only the first is used. */
  pages: number;
  /** EXIF orientation tag (1 to 8), when present. */
  orientation?: number;
}

/**
 * Reads an image's header and checks it is an image interleaf can decode within the pixel limit,
 * without decoding any pixel (a decompression bomb is refused here).
 *
 * Throws `InterleafError` with `invalid_image` (empty, corrupt or not an image),
 * `unsupported_format` (BMP, PDF, SVG, ...) or `image_too_large` (over `maxPixels`). SVG is
 * refused, plain or gzipped: its header reads fast, but rasterising it has no bound on time or
 * memory (a 185-byte file with a 9000×9000 canvas and a Gaussian blur rendered for minutes).
 */
export async function readImageHeader(bytes: Uint8Array, maxPixels: number = DEFAULT_MAX_PIXELS): Promise<ImageHeader> {
  if (bytes.byteLength === 0) {
    throw new InterleafError("invalid_image", "the image is empty (0 bytes); check that the file was read or downloaded completely");
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    const known = sniffUnsupportedFormat(bytes);
    if (known) {
      throw new InterleafError("unsupported_format", `${known} images are not supported; convert the file to PNG or JPEG first`, {
        cause: error,
        details: { format: known.toLowerCase() },
      });
    }
    throw new InterleafError(
      "invalid_image",
      "the bytes are not an image interleaf can read (corrupt, truncated or not an image); supply a PNG, JPEG, WebP, GIF, TIFF or AVIF file",
      { cause: error },
    );
  }
  if (meta.format === "svg") {
    throw new InterleafError(
      "unsupported_format",
      "SVG images are not supported: a vector image of a few bytes can take minutes and gigabytes to rasterise (a large canvas, a blur filter); convert it to PNG first",
      { details: { format: "svg" } },
    );
  }
  const mime = meta.format ? MIME_BY_FORMAT[meta.format] : undefined;
  if (!mime || !meta.format || !meta.width || !meta.height) {
    throw new InterleafError("unsupported_format", `unsupported image format "${meta.format ?? "unknown"}"; convert the file to PNG or JPEG first`, {
      details: { format: meta.format ?? "unknown" },
    });
  }
  const frameHeight = meta.pageHeight ?? meta.height;
  const pixels = meta.width * frameHeight;
  if (pixels > maxPixels) {
    throw new InterleafError(
      "image_too_large",
      `the image declares ${meta.width}×${frameHeight} pixels (${pixels} in all), over the limit of ${maxPixels}; downscale it before use, or raise maxPixels if the file is trusted`,
      { details: { width: meta.width, height: frameHeight, maxPixels } },
    );
  }
  const swapped = (meta.orientation ?? 1) >= 5;
  const header: ImageHeader = {
    format: meta.format,
    mime,
    width: swapped ? frameHeight : meta.width,
    height: swapped ? meta.width : frameHeight,
    pages: meta.pages ?? 1,
  };
  if (meta.orientation !== undefined) header.orientation = meta.orientation;
  return header;
}

/** Options for {@link decodeImage}. */
export interface DecodeOptions {
  /** Refuse images with more pixels than this, before decoding. Default {@link DEFAULT_MAX_PIXELS}. */
  maxPixels?: number;
  /**
   * Decode images with recoverable damage (corrupt scan data that libjpeg can skip) instead of
   * refusing them; truncated files are refused either way. Default false: any decoder warning
   * is an `invalid_image` error.
   */
  tolerateDamage?: boolean;
}

/**
 * Decodes image bytes safely to an 8-bit sRGB raster with 3 or 4 channels: the pixel limit is
 * checked on the header first, EXIF orientation is applied, an animated image gives its first
 * frame, CMYK and 16-bit images are converted, and corrupt or truncated data is an error, not a
 * partial image.
 *
 * @example
 * ```ts
 * import sharp from "sharp";
 * import { decodeImage } from "interleaf/images";
 *
 * const png = await sharp({ create: { width: 4, height: 3, channels: 3, background: "red" } }).png().toBuffer();
 * const raster = await decodeImage(png);
 * console.log(raster.width, raster.height, raster.channels); // 4 3 3
 * ```
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<Raster & { channels: 3 | 4 }> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const header = await readImageHeader(bytes, maxPixels);
  try {
    const pipeline = sharp(bytes, { limitInputPixels: maxPixels, autoOrient: true, pages: 1, page: 0, failOn: options.tolerateDamage ? "truncated" : "warning" }).toColourspace("srgb");
    return toColorRaster(await rasterOf(pipeline));
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(text)) {
      throw new InterleafError("image_too_large", `the image is over the limit of ${maxPixels} pixels; downscale it before use`, { cause: error, details: { maxPixels } });
    }
    throw new InterleafError(
      "invalid_image",
      `the ${header.format.toUpperCase()} image could not be decoded (${text.trim()}); the file is truncated or corrupt; supply a complete, undamaged copy`,
      { cause: error, details: { format: header.format } },
    );
  }
}

import sharp from "sharp";
import { DEFAULT_MAX_PIXELS } from "../images/decode-image.js";
import type { ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";

/** Longest side of a timeline thumbnail, in pixels. */
export const THUMBNAIL_SIDE = 240;
/** Longest side of an image shown large (the input photo, a produced image opened full size). */
export const DISPLAY_SIDE = 1600;

/** The two sizes the viewer shows an image at. */
export type ViewImageSize = "thumb" | "full";

/** Where the page finds an image's pixels: a data URL inlined in a file, or a URL of the `--serve` server. */
export interface ViewImageUrls {
  url(ref: ImageRef, size: ViewImageSize): Promise<string>;
}

/**
 * An image downscaled for the viewer (never enlarged): a thumbnail, or a capped full view, so an
 * 8K photo costs the page a few hundred kilobytes, not tens of megabytes. JPEG, which sharp
 * encodes an order of magnitude faster than WebP; WebP for images with transparency.
 */
export async function encodeViewImage(bytes: Uint8Array, size: ViewImageSize): Promise<{ bytes: Buffer; mime: "image/jpeg" | "image/webp" }> {
  const side = size === "thumb" ? THUMBNAIL_SIDE : DISPLAY_SIDE;
  const quality = size === "thumb" ? 72 : 82;
  const image = sharp(bytes, { limitInputPixels: DEFAULT_MAX_PIXELS });
  const { hasAlpha } = await image.metadata();
  const resized = image.resize({ width: side, height: side, fit: "inside", withoutEnlargement: true });
  return hasAlpha ? { bytes: await resized.webp({ quality }).toBuffer(), mime: "image/webp" } : { bytes: await resized.jpeg({ quality }).toBuffer(), mime: "image/jpeg" };
}

/** Every image inlined as a data URL: the page needs no network and no file beside it. Each image is encoded once per size. */
export function inlineImageUrls(store: ImageStore): ViewImageUrls {
  const done = new Map<string, Promise<string>>();
  return {
    url(ref, size) {
      const key = `${ref.id}:${size}`;
      let url = done.get(key);
      if (!url) {
        url = store.get(ref.id).then(async ({ bytes }) => {
          const encoded = await encodeViewImage(bytes, size);
          return `data:${encoded.mime};base64,${encoded.bytes.toString("base64")}`;
        });
        done.set(key, url);
      }
      return url;
    },
  };
}

/** Images fetched from the viewer server on demand, by id and size. */
export function servedImageUrls(): ViewImageUrls {
  return { url: async (ref, size) => `/image/${ref.id}/${size}` };
}

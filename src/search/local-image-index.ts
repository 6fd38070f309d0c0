import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { InterleafError } from "../errors/index.js";
import { CropQuery } from "./crop-matcher.js";
import { differenceHash, hammingDistance, imageFeatures, thumbnail, type ImageFeatures, type RgbRaster } from "./image-features.js";
import type { ImageSearchBackend } from "./image-search-backend.js";
import type { ImageSearchResult } from "./search-results.js";

/** One image of a local image index, with its caption and features. */
export interface LocalImageEntry {
  /** The file name relative to the indexed folder. */
  file: string;
  /** Absolute path of the file (for `fetchImage`). */
  path: string;
  mime: string;
  title: string;
  caption: string;
  /** The page the image belongs to, when the captions file names one. */
  link?: string;
  features: StoredFeatures;
}

/** {@link ImageFeatures} with the thumbnails as base64, as stored in `image-index.json`. */
export interface StoredFeatures extends Omit<ImageFeatures, "coarse" | "fine"> {
  coarse: { width: number; height: number; data: string };
  fine: { width: number; height: number; data: string };
}

/** The stored form of a local image index (`image-index.json`). */
export interface LocalImageIndexFile {
  format: "interleaf-image-index";
  version: 1;
  images: LocalImageEntry[];
}

/** Options for {@link localImageIndex}. */
export interface LocalImageIndexOptions {
  /** Matches scoring below this are dropped (default 0.85; a crop of an indexed photo scores ~0.9–1). */
  minScore?: number;
}

/** Computes the stored entry of one image file. */
export async function indexImageFile(file: string, path: string, caption: { title?: string; caption?: string; link?: string }): Promise<LocalImageEntry> {
  const bytes = await readFile(path);
  const features = await imageFeatures(bytes);
  const format = (await sharp(bytes).metadata()).format ?? "jpeg";
  const encode = (r: RgbRaster) => ({ width: r.width, height: r.height, data: Buffer.from(r.data).toString("base64") });
  return {
    file,
    path,
    mime: `image/${format}`,
    title: caption.title ?? file,
    caption: caption.caption ?? "",
    ...(caption.link ? { link: caption.link } : {}),
    features: { ...features, coarse: encode(features.coarse), fine: encode(features.fine) },
  };
}

/**
 * Reverse image search over a folder of captioned images, offline. Each image keeps a
 * difference hash and colour statistics (near-duplicates of the whole image score by hash) and
 * two small RGB thumbnails; a query is matched by normalised cross-correlation over 20 scales
 * (crop widths from 100% down to 20% of the image) and every position, coarse on a 48-px
 * thumbnail, then refined on a 128-px one around the best candidates. So a crop of an indexed
 * photo finds the photo, and the region it came from. Cost grows linearly with the index (tens
 * of ms per image): meant for demos, tests and collections of hundreds of images.
 *
 * @example
 * ```ts
 * import { openLocalIndex } from "interleaf/search";
 *
 * const index = await openLocalIndex(".interleaf/index");
 * console.log(index.images?.provider); // "local-images"
 * ```
 */
export function localImageIndex(file: LocalImageIndexFile, options: LocalImageIndexOptions = {}): ImageSearchBackend & { readonly size: number } {
  if (file.format !== "interleaf-image-index" || file.version !== 1) {
    throw new InterleafError("config_invalid", "this is not an interleaf image index (version 1); rebuild it with `interleaf index <folder>`");
  }
  const minScore = options.minScore ?? 0.85;
  const decode = (r: { width: number; height: number; data: string }): RgbRaster => ({ width: r.width, height: r.height, data: new Uint8Array(Buffer.from(r.data, "base64")) });
  const entries = file.images.map((entry) => ({ entry, coarse: decode(entry.features.coarse), fine: decode(entry.features.fine) }));
  const byImage = new Map(file.images.map((entry) => [imageName(entry), entry]));
  return {
    specificationVersion: "v1",
    provider: "local-images",
    fingerprint: file.images.map((e) => e.features.dhash).join(""),
    cacheable: false,
    size: file.images.length,
    async searchImage(image, searchOptions = {}) {
      const meta = await sharp(image.bytes).metadata();
      if (!meta.width || !meta.height) throw new InterleafError("invalid_image", "the query image has no dimensions");
      const height = meta.pageHeight ?? meta.height;
      const [source, dhash] = await Promise.all([thumbnail(image.bytes, Math.min(256, meta.width), meta.width, height), differenceHash(image.bytes)]);
      const query = CropQuery.from(source);
      const scored: ImageSearchResult[] = [];
      for (const { entry, coarse, fine } of entries) {
        searchOptions.signal?.throwIfAborted();
        const aspectClose = Math.abs(Math.log((entry.features.height / entry.features.width) / (height / meta.width))) < 0.05;
        const hashScore = aspectClose ? 1 - hammingDistance(dhash, entry.features.dhash) / 64 : 0;
        const crop = await query.match(coarse, fine);
        const score = Math.max(hashScore >= 0.9 ? hashScore : 0, crop?.score ?? 0);
        if (score < minScore) continue;
        const title = entry.caption ? `${entry.title} — ${entry.caption}` : entry.title;
        scored.push({ title, link: entry.link ?? imageName(entry), image: imageName(entry), score: Math.round(score * 1000) / 1000 });
      }
      scored.sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
      return scored.slice(0, searchOptions.maxResults ?? 10);
    },
    async fetchImage(name) {
      const entry = byImage.get(name);
      if (!entry) throw new InterleafError("image_not_found", `${name} is not an image of the local index`);
      return { bytes: new Uint8Array(await readFile(entry.path)), mime: entry.mime };
    },
  };
}

function imageName(entry: LocalImageEntry): string {
  return `local-image://${entry.file}`;
}

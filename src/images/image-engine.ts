import { InterleafError } from "../errors/index.js";
import { DEFAULT_MAX_PIXELS, decodeImage } from "./decode-image.js";
import { encodeRaster, encodesLossless, type EncodingPolicy } from "./encode-image.js";
import { IDENTITY_AFFINE, type Affine, type ImageOp, type ImageRef } from "./image-ref.js";
import type { ImageStore } from "./image-store.js";
import { ByteBoundedCache } from "./byte-bounded-cache.js";
import { composeAffine, ingestImage } from "./ingest.js";
import { DEFAULT_MAX_PRODUCED_PIXELS } from "./ingest-tool-image.js";
import { RasterCache, type RasterCacheStats } from "./raster-cache.js";
import { rasterOf, sharpOf, toColorRaster, type Raster } from "./raster.js";

/** Default raster cache budget: 256 MiB, two decoded 8K photos (~100 MB each) and their crops. */
export const DEFAULT_RASTER_CACHE_BYTES = 256 * 1024 * 1024;

/** Default budget of the cache of images prepared for model requests: 64 MiB (a few hundred request-sized images). */
export const DEFAULT_PREPARED_CACHE_BYTES = 64 * 1024 * 1024;

/** Options for {@link createImageEngine}. */
export interface ImageEngineOptions {
  /** Refuse images with more pixels than this, before decoding. Default 100 megapixels. */
  maxPixels?: number;
  /** Budget of the decoded-raster cache, in bytes. Default {@link DEFAULT_RASTER_CACHE_BYTES}. */
  cacheBytes?: number;
  /** How produced images are encoded. Default `auto`. */
  encoding?: EncodingPolicy;
  /** JPEG quality of produced photos, 1–100. Default 90. */
  jpegQuality?: number;
  /** Decode images with recoverable damage instead of refusing them. Default false. */
  tolerateDamage?: boolean;
  /**
   * Produced images above this many pixels are downscaled to fit before they are stored (their map
   * to the parent keeps the scale), so no operation chain (resize to 8192², then rotate) can store
   * an image later turns cannot afford to decode. Default {@link DEFAULT_MAX_PRODUCED_PIXELS}.
   */
  maxProducedPixels?: number;
}

/** An image an operation computed, before it is encoded and stored. */
export interface ProducedRaster {
  raster: Raster;
  /**
   * Maps the new image's pixels to its parent's pixels. Omit for operations that keep geometry
   * (colour changes: identity); `null` when there is no geometric relation at all.
   */
  toParent?: Affine | null;
  /** A graphic (mask, annotation, edge map): stored losslessly under the `auto` policy. */
  graphic?: boolean;
}

/** Counters of an {@link ImageEngine}. */
export interface ImageEngineStats {
  /** Full decodes of encoded bytes. */
  decodes: number;
  cache: RasterCacheStats;
}

/**
 * The image runtime visual tools share: safe decoding under a pixel limit, a bounded LRU cache of
 * decoded rasters keyed by image id (an 8K photo is decoded once, not once per crop), and the
 * encode-once policy for produced images (stored by content hash, with provenance).
 *
 * Results do not depend on the cache: a raster is cached only when it is exactly what decoding
 * the stored bytes gives (the original decode, or a losslessly stored product).
 *
 * @example
 * ```ts
 * import sharp from "sharp";
 * import { MemoryImageStore } from "interleaf/storage";
 * import { createImageEngine, ingestImage } from "interleaf/images";
 *
 * const store = new MemoryImageStore();
 * const engine = createImageEngine({ cacheBytes: 64 * 1024 * 1024 });
 * const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } }).png().toBuffer();
 * const ref = await ingestImage(store, png);
 * const raster = await engine.raster(ref, store);
 * console.log(raster.width, engine.stats().decodes); // 8 1
 * ```
 */
export class ImageEngine {
  readonly maxPixels: number;
  readonly encoding: EncodingPolicy;
  readonly jpegQuality: number;
  readonly tolerateDamage: boolean;
  readonly maxProducedPixels: number;
  /**
   * Images already prepared for a model request (small, encoded), by image id and sizing, so later turns
   * do not decode every earlier image again. @internal
   */
  readonly prepared = new ByteBoundedCache<{ bytes: Buffer }>(DEFAULT_PREPARED_CACHE_BYTES);
  readonly #cache: RasterCache;
  readonly #pending = new Map<string, Promise<Raster & { channels: 3 | 4 }>>();
  #decodes = 0;

  constructor(options: ImageEngineOptions = {}) {
    this.maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    this.encoding = options.encoding ?? "auto";
    this.jpegQuality = options.jpegQuality ?? 90;
    this.tolerateDamage = options.tolerateDamage ?? false;
    this.maxProducedPixels = Math.min(options.maxProducedPixels ?? DEFAULT_MAX_PRODUCED_PIXELS, this.maxPixels);
    this.#cache = new RasterCache(options.cacheBytes ?? DEFAULT_RASTER_CACHE_BYTES);
  }

  /** Decodes bytes under this engine's pixel limit, without caching. */
  async decode(bytes: Uint8Array): Promise<Raster & { channels: 3 | 4 }> {
    this.#decodes++;
    return decodeImage(bytes, { maxPixels: this.maxPixels, tolerateDamage: this.tolerateDamage });
  }

  /** The decoded pixels of a stored image (RGB or RGBA, oriented), from the cache when possible. */
  async raster(ref: ImageRef, store: ImageStore): Promise<Raster & { channels: 3 | 4 }> {
    const cached = this.#cache.get(ref.id);
    if (cached) return cached as Raster & { channels: 3 | 4 };
    const pending = this.#pending.get(ref.id);
    if (pending) return pending;
    const work = (async () => {
      const { bytes } = await store.get(ref.id);
      const raster = await this.decode(bytes);
      this.#cache.set(ref.id, raster);
      return raster;
    })();
    this.#pending.set(ref.id, work);
    try {
      return await work;
    } finally {
      this.#pending.delete(ref.id);
    }
  }

  /**
   * Encodes a produced raster once, stores it by hash and returns its {@link ImageRef} with
   * provenance (parent, op, and the map to the origin image composed through the parent's).
   */
  async produce(store: ImageStore, parent: ImageRef, op: ImageOp, computed: ProducedRaster): Promise<ImageRef> {
    if (computed.raster.width < 1 || computed.raster.height < 1) {
      throw new InterleafError("tool_failed", `operation ${op.name} produced an empty image`);
    }
    const produced = await fitWithin(computed, this.maxProducedPixels);
    const { raster } = produced;
    const hints = { graphic: produced.graphic === true, sourceMime: parent.mime, jpegQuality: this.jpegQuality };
    const encoded = await encodeRaster(raster, this.encoding, hints);
    const toParent = produced.toParent === undefined ? IDENTITY_AFFINE : produced.toParent;
    const ref = await ingestImage(store, encoded.bytes, {
      maxPixels: Number.MAX_SAFE_INTEGER,
      provenance: toParent === null ? { parent, op } : { parent, op, toParent },
    });
    if (encodesLossless(raster, this.encoding, hints)) this.#cache.set(ref.id, toColorRaster(raster));
    return ref;
  }

  /** Decode and cache counters. */
  stats(): ImageEngineStats {
    return { decodes: this.#decodes, cache: this.#cache.stats() };
  }

  /** Empties the raster cache. */
  clearCache(): void {
    this.#cache.clear();
  }
}

/**
 * Creates an {@link ImageEngine}. Share one per process (or per tenant) so the cache serves every
 * run; its memory is bounded by `cacheBytes`.
 *
 * @example
 * ```ts
 * import { createImageEngine } from "interleaf/images";
 *
 * const engine = createImageEngine({ maxPixels: 50_000_000, encoding: "png" });
 * console.log(engine.maxPixels); // 50000000
 * ```
 */
export function createImageEngine(options: ImageEngineOptions = {}): ImageEngine {
  return new ImageEngine(options);
}

let shared: ImageEngine | undefined;

/** The process-wide engine tools use when none is given (created on first use, default options). */
export function defaultImageEngine(): ImageEngine {
  shared ??= new ImageEngine();
  return shared;
}

/** The produced raster, downscaled to at most `maxPixels` (its map to the parent composed with the scale). */
async function fitWithin(produced: ProducedRaster, maxPixels: number): Promise<ProducedRaster> {
  const { raster } = produced;
  const pixels = raster.width * raster.height;
  if (pixels <= maxPixels) return produced;
  const scale = Math.sqrt(maxPixels / pixels);
  const width = Math.max(1, Math.floor(raster.width * scale));
  const height = Math.max(1, Math.floor(raster.height * scale));
  const resized = await rasterOf(sharpOf(raster).resize(width, height, { fit: "fill", kernel: "lanczos3" }));
  const toScaled: Affine = [raster.width / width, 0, 0, 0, raster.height / height, 0];
  const toParent = produced.toParent === null ? null : composeAffine(produced.toParent ?? [1, 0, 0, 0, 1, 0], toScaled);
  return { ...produced, raster: resized, toParent };
}

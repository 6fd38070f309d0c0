import { rasterByteLength, type Raster } from "./raster.js";

/** Counters of a {@link RasterCache}. */
export interface RasterCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  /** Bytes held now. */
  bytes: number;
  /** Rasters held now. */
  entries: number;
}

/**
 * Decoded rasters by image id, least recently used evicted first, bounded by bytes. A raster
 * larger than the whole budget is not kept.
 *
 * @example
 * ```ts
 * import { RasterCache } from "interleaf/images";
 *
 * const cache = new RasterCache(1024);
 * cache.set("a", { data: Buffer.alloc(300), width: 10, height: 10, channels: 3 });
 * console.log(cache.get("a")?.width, cache.stats().bytes); // 10 300
 * ```
 */
export class RasterCache {
  readonly maxBytes: number;
  readonly #entries = new Map<string, Raster>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  /** The raster for this id, marking it most recently used. */
  get(id: string): Raster | undefined {
    const found = this.#entries.get(id);
    if (!found) {
      this.#misses++;
      return undefined;
    }
    this.#hits++;
    this.#entries.delete(id);
    this.#entries.set(id, found);
    return found;
  }

  /** Keeps a raster, evicting the least recently used ones to stay within the budget. */
  set(id: string, raster: Raster): void {
    this.delete(id);
    const size = rasterByteLength(raster);
    if (size > this.maxBytes) return;
    while (this.#bytes + size > this.maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
      this.#evictions++;
    }
    this.#entries.set(id, raster);
    this.#bytes += size;
  }

  /** Drops one raster. */
  delete(id: string): void {
    const found = this.#entries.get(id);
    if (!found) return;
    this.#entries.delete(id);
    this.#bytes -= rasterByteLength(found);
  }

  /** Drops everything. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Hit, miss and eviction counts, and what is held now. */
  stats(): RasterCacheStats {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions, bytes: this.#bytes, entries: this.#entries.size };
  }
}

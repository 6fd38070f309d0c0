/**
 * Where image bytes live, addressed by the sha256 of their bytes. Putting the same bytes twice
 * stores them once. Implementations: `MemoryImageStore` (`interleaf/storage`), SQLite and Postgres (opened with
 * the checkpoints by `openStorage`). Run the conformance suite in `interleaf/testing` on your own.
 */
export interface ImageStore {
  /** Interface version, bumped on breaking changes. */
  readonly specificationVersion: "v1";
  /** Stores bytes; returns their id (sha256, hex). Idempotent. */
  put(bytes: Uint8Array, mime: string): Promise<string>;
  /** Reads bytes back; throws `InterleafError` with code `image_not_found` for an unknown id. */
  get(id: string): Promise<{ bytes: Uint8Array; mime: string }>;
  /** Whether the id is stored. */
  has(id: string): Promise<boolean>;
}

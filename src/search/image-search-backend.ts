import type { ImageRef } from "../images/image-ref.js";
import type { ImageSearchResult } from "./search-results.js";

/** The image a reverse image search looks for. */
export interface ImageQuery {
  ref: ImageRef;
  /** Encoded bytes (`ref.mime`). */
  bytes: Uint8Array;
  /** A public URL of the same image, when an `ImageHost` provided one. */
  url?: string;
}

/** Options of one reverse image search. */
export interface ImageSearchOptions {
  signal?: AbortSignal;
  /** How many matches to return (default: the backend's, usually 10). */
  maxResults?: number;
}

/**
 * The reverse image search extension point, version `v1` (Google Lens style: visual matches).
 * Remote services need a URL they can download the image from: such backends set
 * `needsUrl`, and the `image_search` tool asks its `ImageHost` for one. Ready backends:
 * `serperLens` (remote) and `openLocalIndex(...).images` (offline, finds crops too).
 *
 * @example
 * ```ts
 * import type { ImageSearchBackend } from "interleaf";
 *
 * const none: ImageSearchBackend = {
 *   specificationVersion: "v1",
 *   provider: "none",
 *   async searchImage() {
 *     return [];
 *   },
 * };
 * ```
 */
export interface ImageSearchBackend {
  readonly specificationVersion: "v1";
  readonly provider: string;
  /** Extra identity for the cache fingerprint (never a key). */
  readonly fingerprint?: string;
  /** False for free, local backends (default true). */
  readonly cacheable?: boolean;
  /** The service downloads the image itself and needs `ImageQuery.url`. */
  readonly needsUrl?: boolean;
  searchImage(image: ImageQuery, options?: ImageSearchOptions): Promise<ImageSearchResult[]>;
  /**
   * The bytes of a result's `image`, for backends whose images are not on the web (the local
   * index). Remote images are fetched through `safeFetch` instead.
   */
  fetchImage?(image: string, options?: { signal?: AbortSignal }): Promise<{ bytes: Uint8Array; mime: string }>;
}

import type { ImageSearchResult, TextSearchResult } from "./search-results.js";

/** Options of one {@link SearchBackend} query. */
export interface SearchOptions {
  /** Cancels the query (a per-call timeout is folded into it). */
  signal?: AbortSignal;
  /** How many web results to return (default: the backend's, usually 10). */
  maxResults?: number;
  /** Also return image results, for backends that can (Tavily, Serper). */
  includeImages?: boolean;
}

/** What a text search returns: web results, and image results when asked and supported. */
export interface SearchResponse {
  results: TextSearchResult[];
  images?: ImageSearchResult[];
}

/**
 * The text search extension point, version `v1`: one method, one query. Backends throw
 * `InterleafError`s (`search_failed`, `timeout`) with `retryable` set for rate limits, 5xx and
 * timeouts, and `details.retryAfterMs` when the service said how long to wait; the tools retry.
 * Ready backends: `tavilySearch`, `serperSearch`, `openLocalIndex(...).text`.
 *
 * @example
 * ```ts
 * import type { SearchBackend } from "interleaf";
 *
 * const fixed: SearchBackend = {
 *   specificationVersion: "v1",
 *   provider: "fixed",
 *   async search(query) {
 *     return { results: [{ title: query, url: "https://example.com/", snippet: "an example" }] };
 *   },
 * };
 * ```
 */
export interface SearchBackend {
  readonly specificationVersion: "v1";
  /** Who answers (`tavily`, `serper`, `local`, ...); part of the cache fingerprint. */
  readonly provider: string;
  /**
   * Extra identity for the cache fingerprint (an index's content hash, a region): results of two
   * backends with the same provider and fingerprint are interchangeable. Never include keys.
   */
  readonly fingerprint?: string;
  /** False for free, local backends whose results need no caching (default true). */
  readonly cacheable?: boolean;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
}

/** A web page reduced to readable text. */
export interface FetchedPage {
  /** The final URL (after redirects). */
  url: string;
  title: string;
  /** The content type the text came from (`text/html`, `application/pdf`, `text/plain`, ...). */
  contentType: string;
  /** Readable text: the article of an HTML page, the text of a document. */
  text: string;
}

/**
 * The web visit extension point, version `v1`: a URL in, readable text out. Fetchers that reach
 * URLs chosen by a model must refuse private addresses (`httpPageFetcher` does, through
 * `safeFetch`). Ready fetchers: `httpPageFetcher`, `tavilyExtract`, `serperWebpage`,
 * `openLocalIndex(...).text` (the documents of a local index).
 *
 * @example
 * ```ts
 * import type { PageFetcher } from "interleaf";
 *
 * const echo: PageFetcher = {
 *   specificationVersion: "v1",
 *   provider: "echo",
 *   async fetch(url) {
 *     return { url, title: url, contentType: "text/plain", text: `you asked for ${url}` };
 *   },
 * };
 * ```
 */
export interface PageFetcher {
  readonly specificationVersion: "v1";
  readonly provider: string;
  /** Extra identity for the cache fingerprint (never a key). */
  readonly fingerprint?: string;
  /** False for free, local fetchers (default true). */
  readonly cacheable?: boolean;
  /** Whether this fetcher serves `url` (default: every http/https URL). Used to chain fetchers. */
  handles?(url: string): boolean;
  fetch(url: string, options?: { signal?: AbortSignal }): Promise<FetchedPage>;
}

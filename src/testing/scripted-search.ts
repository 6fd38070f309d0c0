import { InterleafError } from "../errors/index.js";
import type { ImageQuery, ImageSearchBackend, ImageSearchOptions } from "../search/image-search-backend.js";
import type { FetchedPage, PageFetcher } from "../search/page-fetcher.js";
import type { SearchBackend, SearchOptions, SearchResponse } from "../search/search-backend.js";
import type { ImageSearchResult, TextSearchResult } from "../search/search-results.js";

/** Answers of a scripted backend: by exact key, or a function of the request. */
export type Script<Request, Answer> = Readonly<Record<string, Answer>> | ((request: Request) => Answer | Promise<Answer>);

async function answer<Request, Answer>(what: string, script: Script<Request, Answer>, key: string, request: Request): Promise<Answer> {
  if (typeof script === "function") return script(request);
  if (!Object.hasOwn(script, key)) {
    const known = Object.keys(script).map((k) => JSON.stringify(k)).join(", ");
    throw new InterleafError("search_failed", `the scripted ${what} has no answer for ${JSON.stringify(key)}; scripted: ${known || "nothing"}`);
  }
  return script[key] as Answer;
}

/** A scripted text search backend; `calls` records every query with its options. */
export interface ScriptedSearch extends SearchBackend {
  readonly calls: { query: string; options: SearchOptions }[];
}

/**
 * A text search backend for tests: answers by exact query (a list of results, or a full
 * response with images) or through a function. An unscripted query fails with `search_failed`
 * listing the scripted ones, never a made-up result. `maxResults` is honoured.
 *
 * @example
 * ```ts
 * import { scriptedSearch } from "interleaf/testing";
 *
 * const search = scriptedSearch({ "vending machine brand": [{ title: "Fuji Electric", url: "https://example.com/fuji", snippet: "makes vending machines" }] });
 * const { results } = await search.search("vending machine brand");
 * console.log(results[0]?.title, search.calls.length); // Fuji Electric 1
 * ```
 */
export function scriptedSearch(script: Script<string, TextSearchResult[] | SearchResponse>, options: { provider?: string } = {}): ScriptedSearch {
  const calls: { query: string; options: SearchOptions }[] = [];
  return {
    specificationVersion: "v1",
    provider: options.provider ?? "scripted",
    cacheable: false,
    calls,
    async search(query, searchOptions = {}) {
      searchOptions.signal?.throwIfAborted();
      calls.push({ query, options: { ...searchOptions } });
      const found = await answer("search", script, query, query);
      const response: SearchResponse = Array.isArray(found) ? { results: found } : found;
      const limit = searchOptions.maxResults;
      return { ...structuredClone(response), results: structuredClone(limit === undefined ? response.results : response.results.slice(0, limit)) };
    },
  };
}

/** A scripted reverse image search backend; `calls` records the sha256 of every image searched. */
export interface ScriptedImageSearch extends ImageSearchBackend {
  readonly calls: { imageId: string; options: ImageSearchOptions }[];
}

/**
 * A reverse image search backend for tests: answers by the image's sha256 (`ImageRef.id`, or a
 * prefix of 8+ characters) or through a function of the query.
 *
 * @example
 * ```ts
 * import { scriptedImageSearch } from "interleaf/testing";
 *
 * const lens = scriptedImageSearch(() => [{ title: "A mug", link: "https://example.com/mug", image: "https://example.com/mug.jpg" }]);
 * console.log(lens.provider); // "scripted"
 * ```
 */
export function scriptedImageSearch(script: Script<ImageQuery, ImageSearchResult[]>, options: { provider?: string } = {}): ScriptedImageSearch {
  const calls: { imageId: string; options: ImageSearchOptions }[] = [];
  return {
    specificationVersion: "v1",
    provider: options.provider ?? "scripted",
    cacheable: false,
    calls,
    async searchImage(image, searchOptions = {}) {
      searchOptions.signal?.throwIfAborted();
      calls.push({ imageId: image.ref.id, options: { ...searchOptions } });
      const key = typeof script === "function" ? image.ref.id : (Object.keys(script).find((k) => k.length >= 8 && image.ref.id.startsWith(k)) ?? image.ref.id);
      const results = await answer("image search", script, key, image);
      return structuredClone(searchOptions.maxResults === undefined ? results : results.slice(0, searchOptions.maxResults));
    },
  };
}

/** A scripted page fetcher; `calls` records every URL fetched. */
export interface ScriptedPageFetcher extends PageFetcher {
  readonly calls: string[];
}

/**
 * A web page fetcher for tests: answers by exact URL (page text, or a full page) or through a
 * function. An unscripted URL fails with `fetch_failed`.
 *
 * @example
 * ```ts
 * import { scriptedPageFetcher } from "interleaf/testing";
 *
 * const web = scriptedPageFetcher({ "https://example.com/fuji": "Fuji Electric builds vending machines." });
 * const page = await web.fetch("https://example.com/fuji");
 * console.log(page.text); // "Fuji Electric builds vending machines."
 * ```
 */
export function scriptedPageFetcher(script: Script<string, string | FetchedPage>, options: { provider?: string } = {}): ScriptedPageFetcher {
  const calls: string[] = [];
  return {
    specificationVersion: "v1",
    provider: options.provider ?? "scripted",
    cacheable: false,
    calls,
    handles: (url) => typeof script === "function" || Object.hasOwn(script, url),
    async fetch(url, fetchOptions = {}) {
      fetchOptions.signal?.throwIfAborted();
      calls.push(url);
      let page: string | FetchedPage;
      try {
        page = await answer("page fetcher", script, url, url);
      } catch (error) {
        if (InterleafError.isInstance(error) && error.code === "search_failed") throw new InterleafError("fetch_failed", error.message, { cause: error });
        throw error;
      }
      return typeof page === "string" ? { url, title: url, contentType: "text/plain", text: page } : structuredClone(page);
    },
  };
}

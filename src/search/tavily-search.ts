import type { SearchBackend } from "./search-backend.js";
import type { ImageSearchResult, TextSearchResult } from "./search-results.js";
import { callTavily, resolveTavily, type TavilyOptions } from "./tavily-client.js";

/**
 * Web search through Tavily (`@tavily/core`), with image results when asked
 * (`includeImages`). Tavily's `content` becomes the snippet; an image's description its title.
 *
 * @example
 * ```ts
 * import { tavilySearch } from "interleaf/search";
 *
 * const web = tavilySearch({ apiKey: process.env.TAVILY_API_KEY });
 * const { results, images } = await web.search("vending machine Japan", { maxResults: 5, includeImages: true });
 * console.log(results.length, images?.length);
 * ```
 */
export function tavilySearch(options: TavilyOptions = {}): SearchBackend {
  const resolved = resolveTavily(options);
  return {
    specificationVersion: "v1",
    provider: "tavily",
    fingerprint: resolved.base,
    async search(query, searchOptions = {}) {
      const maxResults = searchOptions.maxResults ?? 10;
      const response = await callTavily(resolved, "Tavily search", searchOptions.signal, (timeout) =>
        resolved.client.search(query, { maxResults, includeImages: searchOptions.includeImages ?? false, includeImageDescriptions: searchOptions.includeImages ?? false, timeout }),
      );
      const results: TextSearchResult[] = (response.results ?? []).map((r) => ({ title: r.title ?? "", url: r.url ?? "", snippet: r.content ?? "" })).filter((r) => r.url);
      if (!searchOptions.includeImages) return { results: results.slice(0, maxResults) };
      const images: ImageSearchResult[] = (response.images ?? []).map((image) => ({ title: image.description ?? "", link: image.url, image: image.url })).filter((image) => image.image);
      return { results: results.slice(0, maxResults), images: images.slice(0, maxResults) };
    },
  };
}

import type { SearchBackend } from "./search-backend.js";
import type { ImageSearchResult, TextSearchResult } from "./search-results.js";
import { arr, joinUrl, serperGoogle, serperPost, str, type SerperOptions } from "./serper-http.js";

/**
 * Google search through Serper (what R1V4 used): `POST /search` for web results and, when
 * image results are asked for, `POST /images`. Plain HTTP with an injectable `fetch`.
 *
 * @example
 * ```ts
 * import { serperSearch } from "interleaf/search";
 *
 * const google = serperSearch({ apiKey: process.env.SERPER_API_KEY });
 * const { results } = await google.search("Skywork R1V4", { maxResults: 5 });
 * console.log(results[0]?.url);
 * ```
 */
export function serperSearch(options: SerperOptions = {}): SearchBackend {
  const { key, base, locale, fingerprint } = serperGoogle(options);
  return {
    specificationVersion: "v1",
    provider: "serper",
    fingerprint,
    async search(query, searchOptions = {}) {
      const num = searchOptions.maxResults ?? 10;
      const web = serperPost(joinUrl(base, "search"), { q: query, num, ...locale }, key, options, "Serper search", searchOptions.signal);
      const pics = searchOptions.includeImages ? serperPost(joinUrl(base, "images"), { q: query, num, ...locale }, key, options, "Serper image search", searchOptions.signal) : undefined;
      const [page, images] = await Promise.all([web, pics]);
      const results: TextSearchResult[] = arr(page, "organic")
        .map((item) => ({ title: str(item, "title"), url: str(item, "link"), snippet: str(item, "snippet") }))
        .filter((item) => item.url)
        .slice(0, num);
      if (!images) return { results };
      const imageResults: ImageSearchResult[] = arr(images, "images")
        .map((item) => ({ title: str(item, "title"), link: str(item, "link"), image: str(item, "imageUrl") }))
        .filter((item) => item.image)
        .slice(0, num);
      return { results, images: imageResults };
    },
  };
}

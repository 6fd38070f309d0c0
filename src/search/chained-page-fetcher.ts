import { InterleafError } from "../errors/index.js";
import type { PageFetcher } from "./page-fetcher.js";
import { checkSpecificationVersion } from "../util/specification-version.js";

/**
 * Tries fetchers in order and uses the first whose `handles(url)` says yes (a fetcher without
 * `handles` takes every http/https URL). Typical: the local index's documents first, then the web.
 *
 * @example
 * ```ts
 * import { chainPageFetchers, httpPageFetcher } from "interleaf/search";
 *
 * const pages = chainPageFetchers([httpPageFetcher()]);
 * console.log(pages.provider); // "chain(http)"
 * ```
 */
export function chainPageFetchers(fetchers: readonly PageFetcher[]): PageFetcher {
  for (const fetcher of fetchers) checkSpecificationVersion("PageFetcher", fetcher);
  const pick = (url: string) => fetchers.find((f) => (f.handles ? f.handles(url) : /^https?:\/\//i.test(url)));
  return {
    specificationVersion: "v1",
    provider: `chain(${fetchers.map((f) => f.provider).join(",")})`,
    fingerprint: fetchers.map((f) => `${f.provider}:${f.fingerprint ?? ""}`).join("|"),
    cacheable: fetchers.some((f) => f.cacheable !== false),
    handles: (url) => pick(url) !== undefined,
    async fetch(url, options) {
      const fetcher = pick(url);
      if (!fetcher) throw new InterleafError("fetch_blocked", `no page fetcher serves "${url.slice(0, 200)}"; give an http(s) URL from the search results`);
      return fetcher.fetch(url, options);
    },
  };
}

import { InterleafError } from "../errors/index.js";
import type { PageFetcher } from "./page-fetcher.js";
import { joinUrl, serperKey, serperPost, str, type SerperOptions } from "./serper-http.js";

/**
 * Web visits through Serper's scraper (`POST https://scrape.serper.dev {url}`): the page is
 * fetched by Serper, not from this machine, so it needs no network guard here. `baseURL` here
 * is the scraper's root.
 *
 * @example
 * ```ts
 * import { serperWebpage } from "interleaf/search";
 *
 * const pages = serperWebpage({ apiKey: process.env.SERPER_API_KEY });
 * const page = await pages.fetch("https://en.wikipedia.org/wiki/Vending_machine");
 * console.log(page.title, page.text.length);
 * ```
 */
export function serperWebpage(options: SerperOptions = {}): PageFetcher {
  const key = serperKey(options);
  const base = options.baseURL ?? "https://scrape.serper.dev";
  return {
    specificationVersion: "v1",
    provider: "serper-webpage",
    fingerprint: base,
    handles: (url) => /^https?:\/\//i.test(url),
    async fetch(url, fetchOptions = {}) {
      if (!/^https?:\/\//i.test(url)) throw new InterleafError("fetch_blocked", `only http and https URLs can be visited, not "${url.slice(0, 100)}"`);
      const body = await serperPost(joinUrl(base, "/"), { url }, key, options, "Serper webpage", fetchOptions.signal);
      const text = str(body, "markdown") || str(body, "text");
      if (!text) throw new InterleafError("fetch_failed", `Serper returned no text for ${url}; the page may be empty or unreadable, try another source`);
      const metadata = (body.metadata ?? {}) as Record<string, unknown>;
      return { url, title: str(metadata, "title") || str(metadata, "og:title") || url, contentType: "text/markdown", text };
    },
  };
}

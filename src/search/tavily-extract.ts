import { InterleafError } from "../errors/index.js";
import type { PageFetcher } from "./page-fetcher.js";
import { callTavily, resolveTavily, type TavilyOptions } from "./tavily-client.js";

/**
 * Web visits through Tavily's extract endpoint: Tavily fetches the page (HTML or PDF) on its
 * side and returns readable markdown, so no request reaches the page from this machine.
 *
 * @example
 * ```ts
 * import { tavilyExtract } from "interleaf/search";
 *
 * const pages = tavilyExtract({ apiKey: process.env.TAVILY_API_KEY });
 * const page = await pages.fetch("https://en.wikipedia.org/wiki/Vending_machine");
 * console.log(page.title, page.text.slice(0, 200));
 * ```
 */
export function tavilyExtract(options: TavilyOptions = {}): PageFetcher {
  const resolved = resolveTavily(options);
  return {
    specificationVersion: "v1",
    provider: "tavily-extract",
    fingerprint: resolved.base,
    handles: (url) => /^https?:\/\//i.test(url),
    async fetch(url, fetchOptions = {}) {
      if (!/^https?:\/\//i.test(url)) throw new InterleafError("fetch_blocked", `only http and https URLs can be visited, not "${url.slice(0, 100)}"`);
      const response = await callTavily(resolved, "Tavily extract", fetchOptions.signal, (timeout) => resolved.client.extract([url], { format: "markdown", timeout }));
      const page = response.results?.[0];
      if (!page) {
        const reason = response.failedResults?.[0]?.error ?? "no content";
        throw new InterleafError("fetch_failed", `Tavily could not read ${url} (${reason}); try another source`, { retryable: false });
      }
      return { url: page.url || url, title: page.title ?? url, contentType: "text/markdown", text: page.rawContent ?? "" };
    },
  };
}

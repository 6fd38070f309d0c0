import { InterleafError } from "../errors/index.js";
import { chainPageFetchers } from "./chained-page-fetcher.js";
import { httpPageFetcher, type HttpPageFetcherOptions } from "./http-page-fetcher.js";
import type { ImageSearchBackend } from "./image-search-backend.js";
import { openLocalIndex } from "./local-index.js";
import type { PageFetcher } from "./page-fetcher.js";
import type { SearchBackend } from "./search-backend.js";
import { serperLens } from "./serper-lens.js";
import { serperSearch } from "./serper-search.js";
import { serperWebpage } from "./serper-webpage.js";
import { tavilyExtract } from "./tavily-extract.js";
import { tavilySearch } from "./tavily-search.js";

/** The backends one `--search` choice stands for. */
export interface SearchSetup {
  search: SearchBackend;
  /** Reverse image search; undefined when the choice has none (Tavily). */
  imageSearch?: ImageSearchBackend;
  fetcher: PageFetcher;
}

/** Options for {@link searchSetupFromSpec}. */
export interface SearchSpecOptions {
  /** Keys; default from `TAVILY_API_KEY` / `SERPER_API_KEY`. */
  tavilyApiKey?: string;
  serperApiKey?: string;
  /** Settings of the direct web fetcher used beside a local index. */
  web?: HttpPageFetcherOptions;
  /** The fetch Serper's requests go through (rate limits, proxies); Tavily's client takes none. */
  fetch?: typeof fetch;
}

/**
 * Resolves the CLI's `--search` value: `tavily` (search with image results, extract for visits),
 * `serper` (Google search, Google Lens, webpage: what R1V4 used) or `local:<index folder>`
 * (offline: the index's documents and images; visits of other URLs go to the web through the
 * guarded fetcher).
 *
 * @example
 * ```ts
 * import { searchSetupFromSpec } from "interleaf/search";
 *
 * const setup = await searchSetupFromSpec("local:.interleaf/index");
 * console.log(setup.search.provider); // "local"
 * ```
 */
export async function searchSetupFromSpec(spec: string, options: SearchSpecOptions = {}): Promise<SearchSetup> {
  const [kind = "", ...rest] = spec.split(":");
  if (kind === "tavily") {
    const apiKey = options.tavilyApiKey;
    return { search: tavilySearch(apiKey ? { apiKey } : {}), fetcher: tavilyExtract(apiKey ? { apiKey } : {}) };
  }
  if (kind === "serper") {
    const apiKey = options.serperApiKey;
    const o = { ...(apiKey ? { apiKey } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) };
    return { search: serperSearch(o), imageSearch: serperLens(o), fetcher: serperWebpage(o) };
  }
  if (kind === "local") {
    const dir = rest.join(":");
    if (!dir) throw new InterleafError("config_invalid", "--search local:<index folder> needs the folder written by `interleaf index`");
    const index = await openLocalIndex(dir);
    if (!index.text) throw new InterleafError("config_invalid", `the index in ${dir} has no documents; index a folder with markdown, text, HTML or JSON lines files`);
    return { search: index.text, ...(index.images ? { imageSearch: index.images } : {}), fetcher: chainPageFetchers([index.text, httpPageFetcher(options.web)]) };
  }
  throw new InterleafError("config_invalid", `unknown search backend "${spec}"; use tavily, serper or local:<index folder>`);
}

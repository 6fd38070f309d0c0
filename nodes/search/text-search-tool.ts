import { z } from "zod";
import type { SearchBackend } from "../../src/search/search-backend.js";
import type { SearchResponse } from "../../src/search/search-backend.js";
import { mapSettledConcurrently } from "../../src/util/map-settled-concurrently.js";
import { requestFingerprint } from "../../src/search/request-fingerprint.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { listArgument } from "./list-argument.js";
import { attachResultImages, type ResultImageOptions } from "./result-images.js";
import { allFailed, errorLine, runSearchItem, type SearchCallOptions } from "./run-search-item.js";
import { plural } from "../../src/util/plural.js";
import { checkSpecificationVersion } from "../../src/util/specification-version.js";

/** Options for {@link textSearchTool}. */
export interface TextSearchToolOptions extends SearchCallOptions {
  backend: SearchBackend;
  /** Results per query (default 5; R1V4 shows a handful). */
  maxResults?: number;
  /** Ask the backend for image results too and list them (default false). */
  includeImages?: boolean;
  /** Download and show up to `images.showImages` image results to the model. */
  images?: ResultImageOptions;
  /** Most queries accepted in one call (default 8). */
  maxQueries?: number;
}

const input = (max: number) =>
  z.object({ queries: listArgument("Search queries; several in one call run at the same time.", max) });

/**
 * R1V4's `text_search{queries[]}`: runs every query against a `SearchBackend` (concurrently,
 * at most `maxConcurrency` at once), each with retries and a time limit, each answer cached by
 * request fingerprint so a resumed or replayed run never pays twice. The observation lists, per
 * query, `{title, url, snippet}` objects; a query that failed shows an error line and the others
 * stand; when every query failed the call throws `search_failed` (the executor turns it into an
 * error observation and the run goes on).
 *
 * @example
 * ```ts
 * import { createToolContext } from "interleaf/testing";
 * import { serperSearch } from "interleaf/search";
 * import { textSearchTool } from "interleaf/nodes";
 *
 * const tool = textSearchTool({ backend: serperSearch(), maxConcurrency: 4 });
 * const out = await tool.execute({ queries: ["Skywork R1V4", "Google Lens"] }, createToolContext());
 * console.log(out.text);
 * ```
 */
export function textSearchTool(options: TextSearchToolOptions): Tool<ReturnType<typeof input>> {
  const backend = checkSpecificationVersion("SearchBackend", options.backend);
  const maxResults = options.maxResults ?? 5;
  return defineTool({
    name: "text_search",
    description: "Searches the web. Give one or more queries; each returns a list of {title, url, snippet}.",
    input: input(options.maxQueries ?? 8),
    example: { queries: ["Skywork R1V4 release date"] },
    async execute({ queries }, context) {
      const includeImages = options.includeImages ?? false;
      const settled = await mapSettledConcurrently(queries, options.maxConcurrency ?? 4, (query) => {
        const key = backend.cacheable === false ? undefined : requestFingerprint("text", { provider: backend.provider, fingerprint: backend.fingerprint, query, maxResults, includeImages });
        return runSearchItem<SearchResponse>(context, options, `searching for "${query}"`, key, (signal) => backend.search(query, { signal, maxResults, includeImages }));
      });
      if (settled.every((s) => !s.ok)) {
        throw allFailed("text_search", settled.map((s, i) => ({ label: `"${queries[i]}"`, error: s.ok ? undefined : s.error })), context.signal);
      }
      const blocks: string[] = [];
      const imageUrls: string[] = [];
      settled.forEach((s, i) => {
        const header = `Results for "${queries[i]}":`;
        if (!s.ok) return blocks.push(`${header}\n${errorLine(s.error)}`);
        const lines = s.value.results.map((r, n) => `${n + 1}. ${JSON.stringify({ title: r.title, url: r.url, snippet: r.snippet })}`);
        const images = (s.value.images ?? []).map((r, n) => `image ${n + 1}. ${JSON.stringify({ title: r.title, link: r.link, image: r.image })}`);
        imageUrls.push(...(s.value.images ?? []).map((r) => r.image));
        blocks.push([header, ...(lines.length ? lines : ["No results."]), ...images].join("\n"));
      });
      const { refs, shown } = options.images?.showImages ? await attachResultImages(imageUrls, context, options.images) : { refs: [], shown: [] };
      if (shown.length) blocks.push(`Attached ${plural(shown.length, "result image")}, in this order: ${shown.join(", ")}`);
      return {
        text: blocks.join("\n\n"),
        ...(refs.length ? { images: refs } : {}),
        data: { queries: settled.map((s, i) => ({ query: queries[i], ...(s.ok ? { results: s.value.results, images: s.value.images } : { error: errorLine(s.error) }) })) },
      };
    },
  });
}

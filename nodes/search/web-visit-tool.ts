import { createHash } from "node:crypto";
import { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import type { FetchedPage, PageFetcher } from "../../src/search/page-fetcher.js";
import type { Summarizer } from "../../src/search/summarizer.js";
import { mapSettledConcurrently } from "../../src/util/map-settled-concurrently.js";
import { requestFingerprint } from "../../src/search/request-fingerprint.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { listArgument } from "./list-argument.js";
import { allFailed, errorLine, runSearchItem, type SearchCallOptions } from "./run-search-item.js";
import { checkSpecificationVersion } from "../../src/util/specification-version.js";

/** Options for {@link webVisitTool}. */
export interface WebVisitToolOptions extends SearchCallOptions {
  fetcher: PageFetcher;
  /** Condenses pages longer than `threshold`, conditioned on the goal (R1V4: a second model). */
  summarizer?: Summarizer;
  /** Pages longer than this many characters are summarised, or cut without a summariser (default 6,000). */
  threshold?: number;
  /** Most URLs accepted in one call (default 5). */
  maxUrls?: number;
}

const input = (max: number) =>
  z.object({
    urls: listArgument("Web page URLs to read (from search results).", max),
    goal: z.string().optional().describe("What you want to learn from the pages; defaults to the question."),
  });

/** A visited page as the tool reports it. */
interface Visit {
  page: FetchedPage;
  content: string;
  note: string;
}

/**
 * R1V4's `web_visit{urls[]}`: fetches each page through a `PageFetcher` (concurrently, retried,
 * time-limited, cached by URL), and summarises pages over `threshold` characters with the
 * `summarizer`, conditioned on the goal (the call's `goal`, else the run's question), as the
 * paper does with a second model. Without a summariser, or when it fails, long pages are cut
 * with a note. Failed URLs become error lines; a call where all failed throws `search_failed`.
 *
 * @example
 * ```ts
 * import { createToolContext } from "interleaf/testing";
 * import { httpPageFetcher } from "interleaf/search";
 * import { webVisitTool } from "interleaf/nodes";
 *
 * const tool = webVisitTool({ fetcher: httpPageFetcher(), threshold: 8000 });
 * const out = await tool.execute({ urls: ["https://example.com/"] }, createToolContext({ question: "What is example.com for?" }));
 * console.log(out.text);
 * ```
 */
export function webVisitTool(options: WebVisitToolOptions): Tool<ReturnType<typeof input>> {
  const fetcher = checkSpecificationVersion("PageFetcher", options.fetcher);
  const summarizer = options.summarizer && checkSpecificationVersion("Summarizer", options.summarizer);
  const threshold = options.threshold ?? 6_000;
  return defineTool({
    name: "web_visit",
    description: "Reads web pages. Give one or more URLs (and optionally your goal); each returns the page's content, summarised for your goal when long.",
    input: input(options.maxUrls ?? 5),
    example: { urls: ["https://en.wikipedia.org/wiki/Vending_machine"], goal: "When was the first vending machine built?" },
    async execute({ urls, goal }, context) {
      const aim = goal?.trim() || context.question;
      const settled = await mapSettledConcurrently(urls, options.maxConcurrency ?? 4, async (url): Promise<Visit> => {
        const pageKey = fetcher.cacheable === false ? undefined : requestFingerprint("page", { provider: fetcher.provider, fingerprint: fetcher.fingerprint, url });
        const page = await runSearchItem(context, options, `visiting ${url}`, pageKey, (signal) => fetcher.fetch(url, { signal }));
        const text = page.text.trim();
        if (!text) throw new InterleafError("fetch_failed", `${url} has no readable text; try another source`);
        if (text.length <= threshold) return { page, content: text, note: "" };
        if (summarizer) {
          try {
            const digest = createHash("sha256").update(text).digest("hex");
            const key = requestFingerprint("summary", { summarizer: summarizer.id, url, goal: aim, text: digest });
            const summary = await runSearchItem(context, { ...options, retry: { retries: 1, ...options.retry } }, `summarising ${url}`, key, (signal) =>
              summarizer.summarize({ url: page.url, title: page.title, text, goal: aim, signal }),
            );
            return { page, content: summary, note: `(summary of a ${text.length}-character page, for the goal: ${aim || "general understanding"})` };
          } catch (error) {
            return { page, content: cut(text, threshold), note: `(the summariser failed: ${errorLine(error)}; showing the first ${threshold} characters)` };
          }
        }
        return { page, content: cut(text, threshold), note: `(showing the first ${threshold} of ${text.length} characters)` };
      });
      if (settled.every((s) => !s.ok)) {
        throw allFailed("web_visit", settled.map((s, i) => ({ label: urls[i] ?? "", error: s.ok ? undefined : s.error })), context.signal);
      }
      const blocks = settled.map((s, i) => {
        if (!s.ok) return `Page ${urls[i]}:\n${errorLine(s.error)}`;
        const { page, content, note } = s.value;
        return [`Page ${urls[i]}:`, `Title: ${page.title}`, ...(page.url !== urls[i] ? [`Final URL: ${page.url}`] : []), ...(note ? [note] : []), content].join("\n");
      });
      return {
        text: blocks.join("\n\n"),
        data: { pages: settled.map((s, i) => ({ url: urls[i], ...(s.ok ? { title: s.value.page.title, chars: s.value.page.text.length, summarised: s.value.note.startsWith("(summary") } : { error: errorLine(s.error) }) })) },
      };
    },
  });
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, max);
  const end = slice.lastIndexOf("\n");
  return `${end > max * 0.8 ? slice.slice(0, end) : slice}\n[... ${text.length - max} more characters]`;
}

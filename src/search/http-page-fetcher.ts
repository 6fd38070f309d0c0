import { InterleafError } from "../errors/index.js";
import { safeFetch, type SafeFetchOptions } from "../net/safe-fetch.js";
import { decodeText } from "./decode-text.js";
import { extractHtml, type HtmlExtractionLimits } from "./extract-html.js";
import type { PageFetcher } from "./page-fetcher.js";

/** Options for {@link httpPageFetcher}: the guarded fetch's limits, and PDF handling. */
export interface HttpPageFetcherOptions extends Pick<SafeFetchOptions, "allow" | "maxBytes" | "timeoutMs" | "maxRedirects" | "fetch" | "lookup"> {
  /**
   * Turns PDF bytes into text. No PDF parser ships with interleaf, so without this hook PDFs are
   * refused with a message that says so (Tavily's extract reads PDFs on its side).
   */
  pdfToText?: (bytes: Uint8Array) => Promise<string>;
  /**
   * Limits on reading an HTML page (see {@link extractHtml}): HTML read (default 1,000,000
   * characters), elements and nesting before Readability gives way to a linear tag stripper, a
   * deadline (default 10,000 ms) and the reader's heap (default 512 MB).
   */
  extraction?: HtmlExtractionLimits;
}

const TEXT_TYPES = /^(text\/(plain|markdown|x-markdown|csv|xml)|application\/(json|xml|x-ndjson|ld\+json)|text\/x-[\w-]+)$/;

/**
 * Visits pages from this machine: `safeFetch` (SSRF guard on every hop, size and time limits),
 * then HTML through Readability (`htmlToText`, in a worker with a deadline: see `extractHtml`), plain text/markdown/JSON as they are, PDF through
 * the `pdfToText` hook or refused clearly, anything else (images, archives, video) refused.
 *
 * @example
 * ```ts
 * import { httpPageFetcher } from "interleaf/search";
 *
 * const pages = httpPageFetcher({ maxBytes: 2_000_000, timeoutMs: 10_000 });
 * const page = await pages.fetch("https://example.com/");
 * console.log(page.title, page.text.slice(0, 100));
 * ```
 */
export function httpPageFetcher(options: HttpPageFetcherOptions = {}): PageFetcher {
  return {
    specificationVersion: "v1",
    provider: "http",
    handles: (url) => /^https?:\/\//i.test(url),
    async fetch(url, fetchOptions = {}) {
      const response = await safeFetch(url, {
        ...(options.allow ? { allow: options.allow } : {}),
        ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        ...(options.maxRedirects !== undefined ? { maxRedirects: options.maxRedirects } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
        ...(fetchOptions.signal ? { signal: fetchOptions.signal } : {}),
      });
      const type = response.contentType || sniff(response.bytes);
      const header = response.headers.get("content-type");
      if (type === "text/html" || type === "application/xhtml+xml") {
        const { title, text } = await extractHtml(decodeText(response.bytes, header), options.extraction, { what: `the page at ${response.url}`, ...(fetchOptions.signal ? { signal: fetchOptions.signal } : {}) });
        return { url: response.url, title: title || response.url, contentType: type, text };
      }
      if (TEXT_TYPES.test(type)) {
        return { url: response.url, title: response.url.split("/").filter(Boolean).pop() ?? response.url, contentType: type, text: decodeText(response.bytes, header).trim() };
      }
      if (type === "application/pdf") {
        if (!options.pdfToText) {
          throw new InterleafError("unsupported_format", `${response.url} is a PDF, and this web_visit cannot read PDFs (no PDF reader configured); look for an HTML version of the document or another source`, { details: { contentType: type } });
        }
        const text = await options.pdfToText(response.bytes);
        return { url: response.url, title: response.url.split("/").pop() ?? response.url, contentType: type, text: text.trim() };
      }
      throw new InterleafError("unsupported_format", `${response.url} is ${type || "of an unknown type"}, not a readable page (HTML, text or PDF); visit a web page instead, or use image_search for images`, { details: { contentType: type } });
    },
  };
}

/** Guesses a type for responses without `Content-Type`. */
function sniff(bytes: Uint8Array): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("%pdf-")) return "application/pdf";
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return "text/html";
  return bytes.subarray(0, 512).includes(0) ? "application/octet-stream" : "text/plain";
}

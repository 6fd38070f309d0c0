import { describe, expect, it } from "vitest";
import { InterleafError, isAbortError } from "../errors/index.js";
import { contentId } from "../images/content-id.js";
import { readImageHeader } from "../images/decode-image.js";
import type { ImageSearchBackend } from "../search/image-search-backend.js";
import type { PageFetcher } from "../search/page-fetcher.js";
import type { SearchBackend } from "../search/search-backend.js";

function isAbort(error: unknown): boolean {
  return (InterleafError.isInstance(error) && (error.code === "aborted" || error.code === "timeout")) || isAbortError(error);
}

async function rejection(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error ?? new Error("rejected with nothing"),
  );
}

/** Options for {@link searchBackendConformance}. */
export interface SearchBackendConformanceOptions {
  /** A query the backend has results for. */
  query: string;
  /** Set false for in-process backends that answer synchronously and ignore signals (the abort case is skipped). */
  abortable?: boolean;
}

/**
 * The conformance suite every text {@link SearchBackend} must pass (vitest): version and
 * provider; results with string title, url and snippet; `maxResults` honoured; a
 * JSON-serialisable response (the result cache and cassettes store it); an aborted query
 * rejected.
 *
 * @example
 * ```ts
 * import { searchBackendConformance } from "interleaf/conformance";
 * import { scriptedSearch } from "interleaf/testing";
 *
 * searchBackendConformance("scripted", () => scriptedSearch(() => [{ title: "t", url: "https://example.com/", snippet: "s" }]), { query: "anything" });
 * ```
 */
export function searchBackendConformance(name: string, factory: () => SearchBackend | Promise<SearchBackend>, options: SearchBackendConformanceOptions): void {
  describe(`${name}: SearchBackend conformance`, () => {
    it("declares specification version v1 and a provider", async () => {
      const backend = await factory();
      expect(backend.specificationVersion).toBe("v1");
      expect(backend.provider.length).toBeGreaterThan(0);
    });

    it("returns results with a title, a url and a snippet, JSON-serialisable", async () => {
      const response = await (await factory()).search(options.query);
      expect(response.results.length).toBeGreaterThan(0);
      for (const result of response.results) {
        expect(typeof result.title).toBe("string");
        expect(typeof result.url).toBe("string");
        expect(result.url.length).toBeGreaterThan(0);
        expect(typeof result.snippet).toBe("string");
      }
      expect(JSON.parse(JSON.stringify(response))).toEqual(response);
    });

    it("honours maxResults", async () => {
      const response = await (await factory()).search(options.query, { maxResults: 1 });
      expect(response.results.length).toBeLessThanOrEqual(1);
    });

    it.skipIf(options.abortable === false)("rejects a query whose signal is already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      expect(isAbort(await rejection((await factory()).search(options.query, { signal: controller.signal })))).toBe(true);
    });
  });
}

/** Options for {@link imageSearchBackendConformance}. */
export interface ImageSearchBackendConformanceOptions {
  /** Encoded bytes of an image the backend has matches for. */
  image: Uint8Array;
  /** A public URL of the same image, for backends that need one. */
  url?: string;
}

/**
 * The conformance suite every {@link ImageSearchBackend} must pass (vitest): version and
 * provider; matches with string title, link and image; `maxResults` honoured; scores in [0, 1];
 * JSON-serialisable results; an aborted search rejected.
 *
 * @example
 * ```ts
 * import { imageSearchBackendConformance } from "interleaf/conformance";
 * import { scriptedImageSearch } from "interleaf/testing";
 * import { readFileSync } from "node:fs";
 *
 * imageSearchBackendConformance("scripted", () => scriptedImageSearch(() => [{ title: "t", link: "https://example.com/", image: "https://example.com/i.jpg" }]), { image: readFileSync("test/fixtures/images/nba.png") });
 * ```
 */
export function imageSearchBackendConformance(name: string, factory: () => ImageSearchBackend | Promise<ImageSearchBackend>, options: ImageSearchBackendConformanceOptions): void {
  describe(`${name}: ImageSearchBackend conformance`, () => {
    const query = async () => {
      const header = await readImageHeader(options.image, 100_000_000);
      return { ref: { id: contentId(options.image), mime: header.mime, width: header.width, height: header.height }, bytes: options.image, ...(options.url ? { url: options.url } : {}) };
    };

    it("declares specification version v1 and a provider", async () => {
      const backend = await factory();
      expect(backend.specificationVersion).toBe("v1");
      expect(backend.provider.length).toBeGreaterThan(0);
    });

    it("returns matches with a title, a link and an image, JSON-serialisable", async () => {
      const results = await (await factory()).searchImage(await query());
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(typeof result.title).toBe("string");
        expect(typeof result.link).toBe("string");
        expect(typeof result.image).toBe("string");
        if (result.score !== undefined) expect(result.score >= 0 && result.score <= 1).toBe(true);
      }
      expect(JSON.parse(JSON.stringify(results))).toEqual(results);
    });

    it("honours maxResults", async () => {
      expect((await (await factory()).searchImage(await query(), { maxResults: 1 })).length).toBeLessThanOrEqual(1);
    });

    it("rejects a search whose signal is already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      expect(isAbort(await rejection((await factory()).searchImage(await query(), { signal: controller.signal })))).toBe(true);
    });
  });
}

/** Options for {@link pageFetcherConformance}. */
export interface PageFetcherConformanceOptions {
  /** A URL the fetcher serves. */
  url: string;
}

/**
 * The conformance suite every {@link PageFetcher} must pass (vitest): version and provider; a
 * page with string url, title, content type and non-empty text; `handles` agreeing; an aborted
 * fetch rejected.
 *
 * @example
 * ```ts
 * import { pageFetcherConformance } from "interleaf/conformance";
 * import { scriptedPageFetcher } from "interleaf/testing";
 *
 * pageFetcherConformance("scripted", () => scriptedPageFetcher({ "https://example.com/": "Example page." }), { url: "https://example.com/" });
 * ```
 */
export function pageFetcherConformance(name: string, factory: () => PageFetcher | Promise<PageFetcher>, options: PageFetcherConformanceOptions): void {
  describe(`${name}: PageFetcher conformance`, () => {
    it("declares specification version v1 and a provider", async () => {
      const fetcher = await factory();
      expect(fetcher.specificationVersion).toBe("v1");
      expect(fetcher.provider.length).toBeGreaterThan(0);
    });

    it("fetches a page as readable text", async () => {
      const fetcher = await factory();
      if (fetcher.handles) expect(fetcher.handles(options.url)).toBe(true);
      const page = await fetcher.fetch(options.url);
      expect(typeof page.url).toBe("string");
      expect(typeof page.title).toBe("string");
      expect(typeof page.contentType).toBe("string");
      expect(page.text.trim().length).toBeGreaterThan(0);
      expect(JSON.parse(JSON.stringify(page))).toEqual(page);
    });

    it("rejects a fetch whose signal is already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      expect(isAbort(await rejection((await factory()).fetch(options.url, { signal: controller.signal })))).toBe(true);
    });
  });
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { createToolContext } from "interleaf/testing";
import { MemoryResultCache } from "interleaf/storage";
import { serperLens, serperSearch, serperWebpage, tavilyExtract, tavilySearch } from "../../src/search/index.js";
import { textSearchTool, webVisitTool } from "../../nodes/search/index.js";
import { SERPER_KEY, TAVILY_KEY, startFakeSerper, startFakeTavily } from "./fake-apis.js";
import type { ScriptedServer } from "./scripted-server.js";

let serper: ScriptedServer;
let tavily: ScriptedServer;
beforeAll(async () => {
  serper = await startFakeSerper();
  tavily = await startFakeTavily();
});
afterAll(async () => {
  await serper.close();
  await tavily.close();
});

const noSleep = { sleep: async () => {}, baseMs: 1 };

describe("Serper", () => {
  const google = () => serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url });

  it("searches Google in the {title, url, snippet} shape, sending the key as X-API-KEY", async () => {
    const { results, images } = await google().search("vending machine", { maxResults: 2 });
    expect(results).toEqual([
      { title: "vending machine — result 1", url: "https://example.com/vending%20machine/1", snippet: "About vending machine, snippet 1." },
      { title: "vending machine — result 2", url: "https://example.com/vending%20machine/2", snippet: "About vending machine, snippet 2." },
    ]);
    expect(images).toBeUndefined();
    const request = serper.received.at(-1);
    expect(request?.headers["x-api-key"]).toBe(SERPER_KEY);
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ q: "vending machine", num: 2 });
  });

  it("adds image results from /images when asked", async () => {
    const { images } = await google().search("mug", { includeImages: true });
    expect(images).toEqual([{ title: "mug photo", link: "https://example.com/gallery", image: "https://images.example.com/mug.jpg" }]);
  });

  it("runs Google Lens on an image URL and refuses without one", async () => {
    const lens = serperLens({ apiKey: SERPER_KEY, baseURL: serper.url });
    const ref = { id: "a".repeat(64), mime: "image/jpeg", width: 10, height: 10 };
    const matches = await lens.searchImage({ ref, bytes: new Uint8Array(1), url: "https://cdn.example.com/q.jpg" });
    expect(matches[0]).toEqual({ title: "Vending machine photo", link: "https://example.com/vending", image: "https://images.example.com/vending.jpg" });
    expect(JSON.parse(serper.received.at(-1)?.body ?? "{}")).toEqual({ url: "https://cdn.example.com/q.jpg" });
    await expect(lens.searchImage({ ref, bytes: new Uint8Array(1) })).rejects.toThrow(/public URL/);
  });

  it("scrapes a page through the webpage endpoint", async () => {
    const page = await serperWebpage({ apiKey: SERPER_KEY, baseURL: serper.url }).fetch("https://example.com/a");
    expect(page).toEqual({ url: "https://example.com/a", title: "Scraped page", contentType: "text/markdown", text: "# Page\n\nMarkdown of https://example.com/a" });
  });

  describe("failures through text_search", () => {
    afterEach(() => {
      serper.queue("/search");
    });

    it("retries a 429, waiting as long as Retry-After says, then answers", async () => {
      serper.queue("/search", { status: 429, headers: { "retry-after": "2" }, json: { message: "Too many requests" } });
      const waits: number[] = [];
      const tool = textSearchTool({ backend: google(), retry: { sleep: async (ms) => void waits.push(ms), baseMs: 1 } });
      const before = serper.received.length;
      const out = await tool.execute({ queries: ["retry me"] }, createToolContext());
      expect(out.text).toContain('"title":"retry me — result 1"');
      expect(waits).toEqual([2000]);
      expect(serper.received.length - before).toBe(2);
    });

    it("keeps the queries that worked when one keeps failing with 500", async () => {
      serper.queue("/search", { status: 500, json: { message: "boom" } }, { status: 500, json: { message: "boom" } }, { status: 500, json: { message: "boom" } });
      const tool = textSearchTool({ backend: google(), maxConcurrency: 1, retry: { ...noSleep, retries: 2 } });
      const out = await tool.execute({ queries: ["first fails", "second works"] }, createToolContext());
      expect(out.text).toMatch(/Results for "first fails":\nError \(search_failed, may succeed later\): Serper search failed with HTTP 500/);
      expect(out.text).toContain('"title":"second works — result 1"');
    });

    it("throws a retryable search_failed when every query failed", async () => {
      serper.queue("/search", ...Array.from({ length: 4 }, () => ({ status: 503, json: {} })));
      const tool = textSearchTool({ backend: google(), retry: { ...noSleep, retries: 1 } });
      const error = (await tool.execute({ queries: ["a", "b"] }, createToolContext()).catch((e: unknown) => e)) as InterleafError;
      expect(InterleafError.isInstance(error)).toBe(true);
      expect([error.code, error.retryable]).toEqual(["search_failed", true]);
      expect(error.message).toContain('"a": Error');
      expect(error.message).toContain('"b": Error');
    });

    it("times out a hanging request and reports it", async () => {
      serper.queue("/search", { hang: true }, { hang: true });
      const tool = textSearchTool({ backend: google(), timeoutMs: 200, retry: { ...noSleep, retries: 1 } });
      const error = (await tool.execute({ queries: ["hang"] }, createToolContext()).catch((e: unknown) => e)) as InterleafError;
      expect(error.message).toMatch(/Error \(timeout, may succeed later\)/);
    });

    it("reports malformed JSON and huge bodies as errors", async () => {
      serper.queue("/search", { body: "<html>gateway error</html>", headers: { "content-type": "text/html" } }, { streamBytes: 30_000_000 });
      const backend = serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url, maxBytes: 1_000_000 });
      const tool = textSearchTool({ backend, maxConcurrency: 1, retry: { ...noSleep, retries: 0 } });
      const error = (await tool.execute({ queries: ["malformed", "huge"] }, createToolContext()).catch((e: unknown) => e)) as InterleafError;
      expect(error.message).toContain("not the JSON Serper sends");
      expect(error.message).toContain("too large");
    });

    it("never shows the key, even when the service echoes it", async () => {
      serper.queue("/search", { status: 401, json: { message: `Invalid key ${SERPER_KEY}` } });
      const cache = new MemoryResultCache();
      const tool = textSearchTool({ backend: google(), retry: noSleep, cache });
      const error = (await tool.execute({ queries: ["echo"] }, createToolContext({ cache })).catch((e: unknown) => e)) as InterleafError;
      expect(error.message).toContain("[redacted]");
      expect(JSON.stringify(error.toJSON())).not.toContain(SERPER_KEY);
      const out = await tool.execute({ queries: ["echo"] }, createToolContext({ cache }));
      expect(out.text).not.toContain(SERPER_KEY);
      expect(JSON.stringify(out.data)).not.toContain(SERPER_KEY);
    });
  });

  it("asks for a key when none is configured", () => {
    const saved = process.env.SERPER_API_KEY;
    delete process.env.SERPER_API_KEY;
    try {
      expect(() => serperSearch({ baseURL: serper.url })).toThrow(/SERPER_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.SERPER_API_KEY = saved;
    }
  });

  it("takes the key from SERPER_API_KEY", async () => {
    process.env.SERPER_API_KEY = SERPER_KEY;
    try {
      const { results } = await serperSearch({ baseURL: serper.url }).search("env key");
      expect(results.length).toBe(3);
    } finally {
      delete process.env.SERPER_API_KEY;
    }
  });
});

describe("Tavily through @tavily/core", () => {
  const web = () => tavilySearch({ apiKey: TAVILY_KEY, baseURL: tavily.url });

  it("searches with the SDK against the injected base URL, images when asked", async () => {
    const { results, images } = await web().search("canned coffee", { maxResults: 2, includeImages: true });
    expect(results).toEqual([
      { title: "canned coffee (1)", url: "https://news.example.com/1", snippet: "Tavily content about canned coffee." },
      { title: "canned coffee (2)", url: "https://news.example.com/2", snippet: "Tavily content about canned coffee." },
    ]);
    expect(images).toEqual([{ title: "A picture of canned coffee", link: "https://img.example.com/a.jpg", image: "https://img.example.com/a.jpg" }]);
    const request = tavily.received.at(-1);
    expect(request?.headers.authorization).toBe(`Bearer ${TAVILY_KEY}`);
    expect(JSON.parse(request?.body ?? "{}")).toMatchObject({ query: "canned coffee", max_results: 2, include_images: true });
  });

  it("extracts pages for web_visit and reports failed extractions", async () => {
    const tool = webVisitTool({ fetcher: tavilyExtract({ apiKey: TAVILY_KEY, baseURL: tavily.url }), retry: noSleep });
    const out = await tool.execute({ urls: ["https://example.org/ok", "https://example.org/broken"] }, createToolContext());
    expect(out.text).toContain("Title: Extracted page");
    expect(out.text).toContain("Content of https://example.org/ok");
    expect(out.text).toMatch(/Page https:\/\/example.org\/broken:\nError \(fetch_failed\): Tavily could not read/);
  });

  it("classifies SDK errors: 500 and rate limits retryable, 400 final, the key redacted", async () => {
    tavily.queue("/search", { status: 500, json: { oops: true } });
    const e500 = (await web().search("x").catch((e: unknown) => e)) as InterleafError<"search_failed">;
    expect([e500.code, e500.retryable, e500.details.status]).toEqual(["search_failed", true, 500]);
    tavily.queue("/search", { status: 429, json: { detail: { error: "Rate limit exceeded, slow down" } } });
    expect(((await web().search("x").catch((e: unknown) => e)) as InterleafError).retryable).toBe(true);
    tavily.queue("/search", { status: 400, json: { detail: { error: `Invalid query for key ${TAVILY_KEY}` } } });
    const e400 = (await web().search("x").catch((e: unknown) => e)) as InterleafError;
    expect(e400.retryable).toBe(false);
    expect(e400.message).toContain("[redacted]");
    expect(e400.message).not.toContain(TAVILY_KEY);
  });

  it("bounds a hanging request with its own time limit", async () => {
    tavily.queue("/search", { hang: true });
    const error = (await tavilySearch({ apiKey: TAVILY_KEY, baseURL: tavily.url, timeoutMs: 300 }).search("slow").catch((e: unknown) => e)) as InterleafError;
    expect([error.code, error.retryable]).toEqual(["timeout", true]);
  });

  it("asks for a key when none is configured", () => {
    const saved = process.env.TAVILY_API_KEY;
    delete process.env.TAVILY_API_KEY;
    try {
      expect(() => tavilySearch({ baseURL: tavily.url })).toThrow(/TAVILY_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.TAVILY_API_KEY = saved;
    }
  });
});

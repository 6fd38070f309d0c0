import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError, ToolRegistry, type ResultCache } from "interleaf";
import { createToolContext } from "interleaf/testing";
import { MemoryResultCache } from "interleaf/storage";
import type { SearchBackend } from "../../src/search/index.js";
import { serperSearch } from "../../src/search/index.js";
import { searchTools, textSearchTool } from "../../nodes/search/index.js";
import { SERPER_KEY, startFakeSerper } from "./fake-apis.js";
import type { ScriptedServer } from "./scripted-server.js";

/** A backend whose answers the test releases by hand, recording how many run at once. */
function gatedBackend() {
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const backend: SearchBackend = {
    specificationVersion: "v1",
    provider: "gated",
    async search(query) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight -= 1;
      return { results: [{ title: query, url: `https://example.com/${query}`, snippet: query }] };
    },
  };
  return {
    backend,
    get maxInFlight() {
      return maxInFlight;
    },
    /** Releases every waiting call, repeatedly, until `done` settles. */
    async drain(done: Promise<unknown>) {
      let finished = false;
      void done.finally(() => (finished = true));
      while (!finished) {
        await new Promise((resolve) => setImmediate(resolve));
        waiting.splice(0).forEach((release) => release());
      }
      return done;
    },
  };
}

/** Records the keys and values written, to check what reaches the cache. */
class RecordingCache implements ResultCache {
  readonly specificationVersion = "v1" as const;
  readonly inner = new MemoryResultCache();
  readonly writes: string[] = [];
  get<T>(key: string) {
    return this.inner.get<T>(key);
  }
  async set(key: string, value: unknown) {
    this.writes.push(key, JSON.stringify(value));
    await this.inner.set(key, value);
  }
}

describe("text_search", () => {
  let serper: ScriptedServer;
  beforeAll(async () => {
    serper = await startFakeSerper();
  });
  afterAll(async () => serper.close());

  it("runs several queries at once, never more than maxConcurrency", async () => {
    const gated = gatedBackend();
    const tool = textSearchTool({ backend: gated.backend, maxConcurrency: 3 });
    const queries = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const out = await gated.drain(tool.execute({ queries }, createToolContext()));
    expect(gated.maxInFlight).toBe(3);
    expect((out as { text: string }).text.split("Results for").length - 1).toBe(8);
  });

  it("keeps the order of the queries in the observation", async () => {
    const tool = textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }), maxConcurrency: 4, maxResults: 1 });
    const out = await tool.execute({ queries: ["one", "two", "three"] }, createToolContext());
    expect(out.text).toBe(
      [
        'Results for "one":\n1. {"title":"one — result 1","url":"https://example.com/one/1","snippet":"About one, snippet 1."}',
        'Results for "two":\n1. {"title":"two — result 1","url":"https://example.com/two/1","snippet":"About two, snippet 1."}',
        'Results for "three":\n1. {"title":"three — result 1","url":"https://example.com/three/1","snippet":"About three, snippet 1."}',
      ].join("\n\n"),
    );
  });

  it("answers a repeated request from the cache: a replay never pays twice, and keys never reach the cache", async () => {
    const cache = new RecordingCache();
    const tool = textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }) });
    const before = serper.received.length;
    const first = await tool.execute({ queries: ["cached query"] }, createToolContext({ cache }));
    const resumed = textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }) });
    const second = await resumed.execute({ queries: ["cached query"] }, createToolContext({ cache }));
    expect(serper.received.length - before).toBe(1);
    expect(second.text).toBe(first.text);
    expect(cache.writes.length).toBe(2);
    expect(cache.writes.join("\n")).not.toContain(SERPER_KEY);
    const other = await textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }), maxResults: 2 }).execute({ queries: ["cached query"] }, createToolContext({ cache }));
    expect(serper.received.length - before).toBe(2);
    expect(other.text).not.toBe(first.text);
  });

  it("accepts a single string and drops duplicate queries; rejects empty lists through its schema", async () => {
    const tool = textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }) });
    expect(tool.input.parse({ queries: " mugs " })).toEqual({ queries: ["mugs"] });
    expect(tool.input.parse({ queries: ["a", "a", "b"] })).toEqual({ queries: ["a", "b"] });
    expect(tool.input.safeParse({ queries: [] }).success).toBe(false);
    expect(tool.input.safeParse({ queries: Array.from({ length: 9 }, (_, i) => `q${i}`) }).success).toBe(false);
  });

  it("stops when the run is cancelled", async () => {
    serper.queue("/search", { hang: true });
    const controller = new AbortController();
    const tool = textSearchTool({ backend: serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url }), cache: false });
    const pending = tool.execute({ queries: ["cancel me"] }, createToolContext({ signal: controller.signal }));
    setImmediate(() => controller.abort());
    const error = (await pending.catch((e: unknown) => e)) as InterleafError;
    expect(InterleafError.isInstance(error) && error.code).toBe("aborted");
  });

  it("searchTools returns the tools R1V4 names, ready for a registry", () => {
    const backend = serperSearch({ apiKey: SERPER_KEY, baseURL: serper.url });
    const registry = new ToolRegistry(searchTools({ text: { backend }, visit: { fetcher: { specificationVersion: "v1", provider: "none", fetch: async (url) => ({ url, title: "", contentType: "text/plain", text: "x" }) } } }));
    expect(registry.names()).toEqual(["text_search", "web_visit"]);
    const spec = registry.specs().find((s) => s.name === "text_search");
    expect(JSON.stringify(spec?.parameters)).toContain("queries");
  });
});

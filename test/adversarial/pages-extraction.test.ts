import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { extractHtml, htmlToText, httpPageFetcher } from "../../src/search/index.js";
import { startScriptedServer, type ScriptedServer } from "../search/scripted-server.js";
import { ampersands, mixedHostilePage, nestedDivs, nestedTables, ordinaryPage } from "./hostile-pages.js";

// Every page here once blocked the process for minutes (issue 17 item 2). Readings go through
// `extractHtml` (a worker with a deadline) wherever a regression could hang, so the test cannot.

describe("hostile pages are read in bounded time", () => {
  it("the sizes of the report read to their text within the deadline", async () => {
    const deadline = { timeoutMs: 20_000 };
    expect((await extractHtml(nestedDivs(2_000), deadline)).text).toBe("deep");
    expect((await extractHtml(nestedTables(900), deadline)).text).toContain("cell");
    expect((await extractHtml(ampersands(20_000), deadline)).text).toBe("&".repeat(20_000));
    const huge = await extractHtml(mixedHostilePage(4_500_000), deadline);
    expect(huge.text).toContain("a & b < c");
    expect(huge.text).toMatch(/only its first 1000000 characters of HTML were read/);
  });

  it("a page too deep for Readability keeps its headings, lists and cells as text", () => {
    const page = `<html><head><title>Deep &amp; wide</title></head><body>${"<div>".repeat(500)}<h2>Results</h2><ul><li>one</li><li>caf&#233; &#xe9;t&eacute;</li></ul><table><tr><td>a</td><td>b</td></tr></table><script>var x = "<p>no</p>";</script>${"</div>".repeat(500)}</body></html>`;
    const { title, text } = htmlToText(page);
    expect(title).toBe("Deep & wide");
    expect(text).toContain("## Results");
    expect(text).toContain("- one");
    expect(text).toContain("- café ét&eacute;");
    expect(text).toContain("a | b |");
    expect(text).not.toContain("no");
  });

  it("past the deadline the worker is stopped and the page is a fetch_failed naming the limit; the next page reads", async () => {
    const noSizeLimits = { maxElements: 1e9, maxDepth: 1e9, maxDepthSum: 1e12, maxChars: 1e9 };
    const error = await extractHtml(nestedTables(60, 60), { ...noSizeLimits, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_failed");
    expect((error as InterleafError).details).toEqual({ limit: "timeoutMs", timeoutMs: 300 });
    expect((error as InterleafError).retryable).toBe(false);
    expect((await extractHtml(ordinaryPage(30))).title).toBe("Ordinary");
  });

  it("a page that needs more heap than allowed is refused, not a crash", async () => {
    const error = await extractHtml(`<p>${"word ".repeat(6_000_000)}</p>`, { maxChars: 1e9, maxMemoryMb: 24 }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_failed");
    expect((error as InterleafError).details).toEqual({ limit: "maxMemoryMb", maxMemoryMb: 24 });
  });

  it("an aborted signal stops the reading", async () => {
    const controller = new AbortController();
    const reading = extractHtml(nestedTables(60, 60), { maxElements: 1e9, maxDepth: 1e9, maxDepthSum: 1e12 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await reading.catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("aborted");
  });
});

describe("web_visit's fetcher on a hostile server", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/deep", () => ({ headers: { "content-type": "text/html" }, body: nestedDivs(2_000) }));
    server.route("/tables", () => ({ headers: { "content-type": "text/html" }, body: nestedTables(60, 60) }));
  });
  afterAll(async () => server.close());

  it("reads a 22 KB page of 2,000 nested divs", async () => {
    const page = await httpPageFetcher({ allow: [`127.0.0.1:${server.port}`] }).fetch(`${server.url}/deep`);
    expect(page.text).toBe("deep");
  });

  it("turns a page over the extraction deadline into a clear observation", async () => {
    const fetcher = httpPageFetcher({ allow: [`127.0.0.1:${server.port}`], extraction: { timeoutMs: 300, maxElements: 1e9, maxDepth: 1e9, maxDepthSum: 1e12 } });
    const error = await fetcher.fetch(`${server.url}/tables`).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error) && error.code).toBe("fetch_failed");
    expect((error as Error).message).toContain(`the page at ${server.url}/tables took longer than 300 ms to read`);
  });
});

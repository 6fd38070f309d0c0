import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InterleafError, type ModelBackend, type ModelRequest } from "interleaf";
import { createToolContext } from "interleaf/testing";
import { MemoryResultCache } from "interleaf/storage";
import { httpPageFetcher, modelSummarizer } from "../../src/search/index.js";
import { webVisitTool } from "../../nodes/search/index.js";
import { startScriptedServer, type ScriptedServer } from "./scripted-server.js";

const ARTICLE = `<!doctype html><html><head><title>Vending history</title><script>var secret = "tracking-code";</script>
<style>p { color: red }</style></head><body><nav><a href="/">Home</a><a href="/about">About</a></nav>
<article><h1>A short history of vending machines</h1>
<p>The first known vending machine was described by Hero of Alexandria; it sold holy water for a coin dropped onto a lever.</p>
<p>Coin-operated postcard machines appeared in London in the 1880s, and drink machines spread in the twentieth century.</p>
<ul><li>1883: postcard machine</li><li>1920s: drink machines</li></ul>
<p>Today Japan has one of the highest densities of vending machines, selling hot and cold drinks alike.</p></article>
<footer>Site footer</footer></body></html>`;

/** A model backend that records its requests and answers from a function. */
function recordingModel(answer: (request: ModelRequest) => string) {
  const calls: ModelRequest[] = [];
  const model: ModelBackend = {
    specificationVersion: "v1",
    provider: "test",
    modelId: "summariser",
    async generate(request) {
      calls.push(request);
      return { text: answer(request), toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } };
    },
  };
  return { model, calls };
}

describe("web_visit", () => {
  let server: ScriptedServer;
  const long = `Section one.\n\n${"Vending machines sell drinks. ".repeat(600)}\n\nThe end.`;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/article", () => ({ headers: { "content-type": "text/html; charset=utf-8" }, body: ARTICLE }));
    server.route("/long.txt", () => ({ headers: { "content-type": "text/plain" }, body: long }));
    server.route("/notes.md", () => ({ headers: { "content-type": "text/markdown" }, body: "# Notes\n\nShort notes." }));
    server.route("/paper.pdf", () => ({ headers: { "content-type": "application/pdf" }, body: "%PDF-1.4\n..." }));
    server.route("/photo.jpg", () => ({ headers: { "content-type": "image/jpeg" }, body: "\xff\xd8\xff" }));
    server.route("/redirect-private", () => ({ status: 302, headers: { location: "http://192.168.0.1/router" } }));
  });
  afterAll(async () => server.close());

  const fetcher = () => httpPageFetcher({ allow: [`127.0.0.1:${server.port}`] });

  it("extracts the readable article of an HTML page: no scripts, styles or navigation", async () => {
    const page = await fetcher().fetch(`${server.url}/article`);
    expect(page.title).toBe("Vending history");
    expect(page.contentType).toBe("text/html");
    expect(page.text).toContain("Hero of Alexandria");
    expect(page.text).toContain("- 1883: postcard machine");
    expect(page.text).not.toContain("tracking-code");
    expect(page.text).not.toContain("color: red");
    expect(page.text).not.toContain("Site footer");
  });

  it("reads text and markdown as they are, refuses PDF and images clearly", async () => {
    expect((await fetcher().fetch(`${server.url}/notes.md`)).text).toBe("# Notes\n\nShort notes.");
    const pdf = (await fetcher().fetch(`${server.url}/paper.pdf`).catch((e: unknown) => e)) as InterleafError;
    expect([pdf.code, pdf.message.includes("cannot read PDFs")]).toEqual(["unsupported_format", true]);
    const image = (await fetcher().fetch(`${server.url}/photo.jpg`).catch((e: unknown) => e)) as InterleafError;
    expect(image.message).toContain("image/jpeg, not a readable page");
  });

  it("reads PDFs through a pdfToText hook when one is given", async () => {
    const pages = httpPageFetcher({ allow: [`127.0.0.1:${server.port}`], pdfToText: async (bytes) => `pdf of ${bytes.byteLength} bytes` });
    expect((await pages.fetch(`${server.url}/paper.pdf`)).text).toBe("pdf of 12 bytes");
  });

  it("summarises long pages with a model, conditioned on the goal, and caches the summary", async () => {
    const { model, calls } = recordingModel(() => "<think>reading</think>Evidence: machines sell drinks.\nSummary: drinks.");
    const cache = new MemoryResultCache();
    const tool = webVisitTool({ fetcher: fetcher(), summarizer: modelSummarizer(model), threshold: 2000 });
    const context = createToolContext({ cache, question: "What do vending machines sell?" });
    const out = await tool.execute({ urls: [`${server.url}/long.txt`, `${server.url}/notes.md`] }, context);
    expect(out.text).toContain("Evidence: machines sell drinks.");
    expect(out.text).not.toContain("<think>");
    expect(out.text).toContain(`(summary of a ${long.trim().length}-character page, for the goal: What do vending machines sell?)`);
    expect(out.text).toContain("Short notes.");
    expect(calls).toHaveLength(1);
    const system = JSON.stringify(calls[0]?.messages[0]);
    expect(system).toContain("What do vending machines sell?");
    const before = server.received.length;
    await tool.execute({ urls: [`${server.url}/long.txt`] }, context);
    expect(calls).toHaveLength(1);
    expect(server.received.length).toBe(before);
    await tool.execute({ urls: [`${server.url}/long.txt`], goal: "Where are they common?" }, context);
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[1]?.messages[0])).toContain("Where are they common?");
  });

  it("cuts long pages without a summariser, and falls back to cutting when the summariser fails", async () => {
    const plain = await webVisitTool({ fetcher: fetcher(), threshold: 500, cache: false }).execute({ urls: [`${server.url}/long.txt`] }, createToolContext());
    expect(plain.text).toContain(`(showing the first 500 of ${long.trim().length} characters)`);
    expect(plain.text.length).toBeLessThan(900);
    const broken: ModelBackend = { specificationVersion: "v1", provider: "test", modelId: "down", generate: async () => Promise.reject(new InterleafError("model_failed", "model offline", { retryable: false })) };
    const out = await webVisitTool({ fetcher: fetcher(), threshold: 500, summarizer: modelSummarizer(broken), cache: false }).execute({ urls: [`${server.url}/long.txt`] }, createToolContext());
    expect(out.text).toContain("the summariser failed");
    expect(out.text).toContain("Vending machines sell drinks.");
  });

  it("refuses private addresses and redirects into them, as error observations", async () => {
    const tool = webVisitTool({ fetcher: httpPageFetcher(), cache: false });
    const blocked = (await tool.execute({ urls: [`${server.url}/article`, "http://169.254.169.254/latest/meta-data/"] }, createToolContext()).catch((e: unknown) => e)) as InterleafError;
    expect(blocked.code).toBe("search_failed");
    expect(blocked.retryable).toBe(false);
    expect(blocked.message).toContain("a loopback address");
    expect(blocked.message).toContain("the cloud metadata address");
    const redirected = await webVisitTool({ fetcher: fetcher(), cache: false }).execute({ urls: [`${server.url}/article`, `${server.url}/redirect-private`] }, createToolContext());
    expect(redirected.text).toContain("Hero of Alexandria");
    expect(redirected.text).toMatch(/redirect-private:\nError \(fetch_blocked\): refused to fetch http:\/\/192\.168\.0\.1\/router/);
  });
});

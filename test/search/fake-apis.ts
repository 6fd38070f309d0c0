import { startScriptedServer, type Received, type ScriptedServer } from "./scripted-server.js";

export const SERPER_KEY = "serper-test-key-4f9a2c";
export const TAVILY_KEY = "tvly-test-key-8d31e7";

function parse(request: Received): Record<string, unknown> {
  return JSON.parse(request.body || "{}") as Record<string, unknown>;
}

/** A server speaking Serper's request/response shapes (`/search`, `/images`, `/lens`, scrape `/`). */
export async function startFakeSerper(): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  const guard = (request: Received) => request.headers["x-api-key"] === SERPER_KEY;
  const denied = { status: 403, json: { message: "Unauthorized.", statusCode: 403 } };
  server.route("/search", (request) => {
    if (!guard(request)) return denied;
    const { q, num } = parse(request) as { q: string; num: number };
    const organic = Array.from({ length: Math.min(num ?? 10, 3) }, (_, i) => ({
      title: `${q} — result ${i + 1}`,
      link: `https://example.com/${encodeURIComponent(q)}/${i + 1}`,
      snippet: `About ${q}, snippet ${i + 1}.`,
      position: i + 1,
    }));
    return { json: { searchParameters: { q, type: "search" }, organic, credits: 1 } };
  });
  server.route("/images", (request) => {
    if (!guard(request)) return denied;
    const { q } = parse(request) as { q: string };
    return { json: { images: [{ title: `${q} photo`, imageUrl: `https://images.example.com/${encodeURIComponent(q)}.jpg`, link: "https://example.com/gallery", source: "example.com" }] } };
  });
  server.route("/lens", (request) => {
    if (!guard(request)) return denied;
    const { url } = parse(request) as { url: string };
    return { json: { searchParameters: { url, type: "lens" }, organic: [{ title: "Vending machine photo", link: "https://example.com/vending", source: "example.com", imageUrl: "https://images.example.com/vending.jpg", thumbnailUrl: "https://thumbs.example.com/vending.jpg" }] } };
  });
  server.route("/", (request) => {
    if (!guard(request)) return denied;
    const { url } = parse(request) as { url: string };
    return { json: { text: `Text of ${url}`, markdown: `# Page\n\nMarkdown of ${url}`, metadata: { title: "Scraped page" }, credits: 1 } };
  });
  return server;
}

/** A server speaking Tavily's `/search` and `/extract` shapes. */
export async function startFakeTavily(): Promise<ScriptedServer> {
  const server = await startScriptedServer();
  const guard = (request: Received) => request.headers.authorization === `Bearer ${TAVILY_KEY}`;
  const denied = { status: 401, json: { detail: { error: "Unauthorized: missing or invalid API key." } } };
  server.route("/search", (request) => {
    if (!guard(request)) return denied;
    const body = parse(request) as { query: string; max_results?: number; include_images?: boolean };
    const results = Array.from({ length: Math.min(body.max_results ?? 5, 2) }, (_, i) => ({
      title: `${body.query} (${i + 1})`,
      url: `https://news.example.com/${i + 1}`,
      content: `Tavily content about ${body.query}.`,
      score: 0.9 - i / 10,
      raw_content: null,
    }));
    const images = body.include_images ? [{ url: "https://img.example.com/a.jpg", description: `A picture of ${body.query}` }] : [];
    return { json: { query: body.query, answer: null, images, results, response_time: 0.42, request_id: "req-1" } };
  });
  server.route("/extract", (request) => {
    if (!guard(request)) return denied;
    const { urls } = parse(request) as { urls: string[] };
    const [url = ""] = urls;
    if (url.includes("broken")) return { json: { results: [], failed_results: [{ url, error: "Failed to fetch url" }], response_time: 0.1, request_id: "req-2" } };
    return { json: { results: [{ url, title: "Extracted page", raw_content: `# Extracted\n\nContent of ${url}`, images: [] }], failed_results: [], response_time: 0.3, request_id: "req-2" } };
  });
  return server;
}

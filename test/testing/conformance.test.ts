import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { defineTool, nativeDialect, openAICompatibleModel, r1v4Dialect, type ModelResponse } from "interleaf";
import { dialectConformance, imageSearchBackendConformance, modelBackendConformance, pageFetcherConformance, searchBackendConformance, toolConformance } from "interleaf/conformance";
import { openCassette, scriptedImageSearch, scriptedModel, scriptedPageFetcher, scriptedSearch } from "interleaf/testing";
import { z } from "zod";
import { cropTool, zoomTool } from "../../nodes/visual/index.js";
import { textSearchTool } from "../../nodes/search/index.js";
import { completion, startChatServer, type ChatServer } from "../models/chat-server.js";
import { PHOTO, lazyCorpusSearch } from "./recorded-run.js";

const usage = { inputTokens: 0, outputTokens: 0 };
const photo = new Uint8Array(readFileSync(PHOTO));
const match = [{ title: "A sports palace", link: "https://example.com/palace", image: "https://example.com/palace.jpg", score: 0.9 }];

// Model backends: scripted, a cassette over it (auto), and the OpenAI-compatible client against a real local server.
modelBackendConformance("scriptedModel", () => scriptedModel(() => "<think>.</think><answer>blue</answer>"));
modelBackendConformance("cassette (auto) over scriptedModel", async () => (await openCassette(mkdtempSync(join(tmpdir(), "interleaf-conf-")), { mode: "auto" })).model(scriptedModel(() => "blue")));
let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer(() => ({ json: completion("blue") }));
});
afterAll(async () => server.close());
modelBackendConformance("openAICompatibleModel (local HTTP server)", () => openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "k", maxRetries: 0 }));

// Dialects.
const r1v4Turns = {
  toolCallTurn: (name: string, args: Record<string, unknown>): ModelResponse => ({ text: `<think>Use it.</think>\n<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`, toolCalls: [], usage }),
  answerTurn: (answer: string): ModelResponse => ({ text: `<think>Done.</think>\n<answer>${answer}</answer>`, toolCalls: [], usage }),
};
dialectConformance("r1v4Dialect", () => r1v4Dialect(), r1v4Turns);
dialectConformance("nativeDialect", () => nativeDialect(), {
  toolCallTurn: (name, args) => ({ text: "Using a tool.", toolCalls: [{ id: "call_1", name, arguments: args }], usage }),
  answerTurn: (answer) => ({ text: answer, toolCalls: [], usage }),
});

// Tools: real visual tools on a real photo, a search tool on a scripted backend, a cassette-wrapped tool.
toolConformance("crop", () => cropTool, {
  images: [photo],
  cases: [{ input: { bbox_2d: [1120, 1080, 1320, 1260] } }, { input: { bbox_2d: [0, 0, 64, 64], image: "original image" } }],
  invalidInputs: [{ bbox_2d: [1, 2, 3] }, {}],
});
toolConformance("zoom", () => zoomTool, { images: [photo], cases: [{ input: { bbox_2d: [1120, 1080, 1320, 1260], factor: 2 } }], invalidInputs: [{ bbox_2d: [0, 0, 10, 10], factor: 100 }] });
toolConformance("text_search over scriptedSearch", () => textSearchTool({ backend: scriptedSearch(() => [{ title: "t", url: "https://example.com/", snippet: "s" }]) }), {
  cases: [{ input: { queries: ["vending machines"] } }],
  invalidInputs: [{ queries: 3 }],
});
const shout = defineTool({ name: "shout", description: "Upper-cases text.", input: z.object({ text: z.string() }), example: { text: "hi" }, async execute({ text }) { return { text: text.toUpperCase(), data: { length: text.length } }; } });
toolConformance("cassette (auto) over a tool", async () => (await openCassette(mkdtempSync(join(tmpdir(), "interleaf-conf-")), { mode: "auto" })).tool(shout), { invalidInputs: [{ text: 1 }] });

// Search backends.
searchBackendConformance("scriptedSearch", () => scriptedSearch(() => [{ title: "a", url: "https://example.com/a", snippet: "A" }, { title: "b", url: "https://example.com/b", snippet: "B" }]), { query: "anything" });
searchBackendConformance("local text index over the test corpus", () => lazyCorpusSearch(), { query: "vending machine" });
imageSearchBackendConformance("scriptedImageSearch", () => scriptedImageSearch(() => [...match, ...match]), { image: photo });
pageFetcherConformance("scriptedPageFetcher", () => scriptedPageFetcher({ "https://example.com/palace": "The Palace of Sports in Minsk." }), { url: "https://example.com/palace" });

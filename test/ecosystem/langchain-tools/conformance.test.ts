import { readFileSync } from "node:fs";
import { tool } from "@langchain/core/tools";
import { TavilySearch } from "@langchain/tavily";
import { afterAll, beforeAll, describe } from "vitest";
import { z } from "zod";
import { toolConformance } from "interleaf/conformance";
import { fromLangChainTool } from "interleaf/langchain";
import { startScriptedServer, type ScriptedServer } from "../../search/scripted-server.js";

// interleaf's tool conformance suite, run on LangChain tools converted with fromLangChainTool.
const photo = readFileSync(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

const multiply = tool(async ({ a, b }: { a: number; b: number }) => String(a * b), { name: "multiply", description: "Multiplies two numbers.", schema: z.object({ a: z.number(), b: z.number() }) });
toolConformance("multiply (tool() with a zod 4 schema)", () => fromLangChainTool(multiply), { cases: [{ input: { a: 2, b: 3 } }], invalidInputs: [{ a: "2", b: 3 }, {}] });

const snapshot = tool(async () => [[{ type: "text", text: "a photo" }, { type: "image_url", image_url: { url: `data:image/jpeg;base64,${photo.toString("base64")}` } }], { n: 1 }], {
  name: "snapshot",
  description: "Takes a photo.",
  schema: z.object({ camera: z.number().int() }),
  responseFormat: "content_and_artifact",
});
toolConformance("snapshot (images as data-URL blocks, an artifact)", () => fromLangChainTool(snapshot), { cases: [{ input: { camera: 1 } }], invalidInputs: [{ camera: 1.5 }] });

describe("TavilySearch (zod 3 schema) against a local server", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/search", () => ({ json: { results: [{ title: "t", url: "https://example.org/", content: "c", score: 1 }] } }));
  });
  afterAll(async () => server.close());
  toolConformance("tavily_search", () => fromLangChainTool(new TavilySearch({ tavilyApiKey: "tvly-x", apiBaseUrl: server.url })), {
    cases: [{ input: { query: "vending machines" } }],
    invalidInputs: [{}, { query: 3 }],
  });
});

import { readFileSync } from "node:fs";
import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedModel } from "interleaf/testing";
import { startScriptedServer, type ScriptedServer } from "../../search/scripted-server.js";
import { startSseServer } from "../../executor/streaming/sse-server.js";

// docs/langchain-tools.md, its two examples verbatim between the markers (checked below).
// doc:begin
import { TavilySearch } from "@langchain/tavily";
import { createGraphAgent, r1v4Dialect, type ModelBackend } from "interleaf";
import { defaultTools, interleavedGraph } from "interleaf/graphs";
import { fromLangChainTool } from "interleaf/langchain";

export function searchingAgent(model: ModelBackend, tavily = new TavilySearch({ maxResults: 5 })) {
  return createGraphAgent({
    graph: interleavedGraph(),
    model,
    dialect: r1v4Dialect(),
    tools: [...defaultTools({ mode: "general" }), fromLangChainTool(tavily)],
  });
}
// doc:end
// doc:begin
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { createReactAgent } from "@langchain/langgraph/prebuilt";
import { ingestImage } from "interleaf/images";
import { toLangChainTool } from "interleaf/langchain";
import { zoomTool } from "interleaf/nodes";
import { MemoryImageStore } from "interleaf/storage";

export async function zoomingReactAgent(llm: BaseChatModel, photo: Uint8Array) {
  const images = new MemoryImageStore();
  const original = await ingestImage(images, photo);
  return createReactAgent({ llm, tools: [toLangChainTool(zoomTool, { images, inputs: [original] })] });
}
// doc:end

const photo = new Uint8Array(readFileSync(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));

describe("docs/langchain-tools.md", () => {
  let tavilyApi: ScriptedServer;
  beforeAll(async () => {
    tavilyApi = await startScriptedServer();
    tavilyApi.route("/search", () => ({ json: { results: [{ title: "Coca-Cola", url: "https://example.org/coke", content: "The red vending machines sell Coca-Cola.", score: 0.8 }] } }));
  });
  afterAll(async () => tavilyApi.close());

  it("is the documented code", () => {
    const doc = readFileSync(new URL("../../../docs/langchain-tools.md", import.meta.url), "utf8");
    const own = readFileSync(new URL(import.meta.url), "utf8");
    const examples = [...own.matchAll(/\/\/ doc:begin\n([\s\S]*?)\/\/ doc:end/g)].map((m) => m[1]);
    expect(examples).toHaveLength(2);
    for (const code of examples) expect(doc.includes("```ts\n" + code + "```")).toBe(true);
  });

  it("searchingAgent searches with TavilySearch and answers from what it found", async () => {
    const model = scriptedModel((request, turn) =>
      turn === 0
        ? '<think>Search.</think>\n<tool_call>{"name": "tavily_search", "arguments": {"query": "red vending machine brand"}}</tool_call>'
        : `<think>Found it.</think>\n<answer>${JSON.stringify(request.messages.at(-1)?.content).includes("sell Coca-Cola") ? "Coca-Cola" : "unknown"}</answer>`,
    );
    const agent = searchingAgent(model, new TavilySearch({ tavilyApiKey: "tvly-doc", apiBaseUrl: tavilyApi.url }));
    expect(agent.tools.names()).toEqual(expect.arrayContaining(["zoom", "tavily_search"]));
    const result = await agent.run({ question: "Which brand do the red machines sell?" });
    expect(result.answer).toBe("Coca-Cola");
    expect(tavilyApi.received.at(-1)?.headers.authorization).toBe("Bearer tvly-doc");
  });

  it("zoomingReactAgent zooms through ToolNode and the model sees the zoomed image", async () => {
    const server = await startSseServer((_b, i) => ({
      json:
        i === 0
          ? { choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "z1", type: "function", function: { name: "zoom", arguments: '{"bbox_2d": [0, 0, 288, 512]}' } }] }, finish_reason: "tool_calls" }] }
          : { choices: [{ index: 0, message: { role: "assistant", content: "A bottle." }, finish_reason: "stop" }] },
    }));
    const agent = await zoomingReactAgent(new ChatOpenAI({ model: "local", apiKey: "none", configuration: { baseURL: server.baseURL }, maxRetries: 0 }), photo);
    const { messages } = (await agent.invoke({ messages: [new HumanMessage("What is in the top-left corner?")] })) as { messages: BaseMessage[] };
    await server.close();
    expect(messages.at(-1)?.content).toBe("A bottle.");
    expect(JSON.stringify(server.bodies[1]?.messages)).toMatch(/data:image\/(png|jpeg);base64,/);
  });
});

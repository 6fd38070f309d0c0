import { readFileSync } from "node:fs";
import { ToolMessage } from "@langchain/core/messages";
import { DynamicStructuredTool, StructuredTool, tool } from "@langchain/core/tools";
import { TavilySearch } from "@langchain/tavily";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { createGraphAgent, r1v4Dialect, ToolRegistry } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { fromLangChainTool } from "interleaf/langchain";
import { scriptedModel } from "interleaf/testing";
import { startScriptedServer, type ScriptedServer } from "../../search/scripted-server.js";
import { answer, call } from "../../executor/helpers.js";

const photoBytes = readFileSync(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const lastObservation = (request: { messages: { content: unknown }[] }) => JSON.stringify(request.messages.at(-1)?.content);

/** Runs one call of `name` with `args` through an interleaf agent and returns the recorded call and what the model read next. */
async function runOnce(tools: ReturnType<typeof fromLangChainTool>[], name: string, args: Record<string, unknown>) {
  let seen = "";
  const model = scriptedModel((request, turn) => {
    if (turn === 0) return call(name, args);
    seen = lastObservation(request);
    return answer("done");
  });
  const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools }).run({ question: "?" });
  return { record: result.steps[0]!.calls[0]!, seen, result };
}

describe("fromLangChainTool: LangChain tools in an interleaf agent", () => {
  const multiply = tool(async ({ a, b }: { a: number; b: number }) => String(a * b), { name: "multiply", description: "Multiplies two numbers.", schema: z.object({ a: z.number(), b: z.number() }) });

  it("a tool() with a zod 4 schema: typed arguments, its text as the observation, offered to native tool calling", async () => {
    const adapted = fromLangChainTool(multiply);
    expect(new ToolRegistry([adapted]).specs()[0]).toMatchObject({ name: "multiply", description: "Multiplies two numbers.", parameters: { properties: { a: { type: "number" }, b: { type: "number" } } } });
    const { record, seen, result } = await runOnce([adapted], "multiply", { a: 6, b: 7 });
    expect(result.answer).toBe("done");
    expect(record.observation).toEqual({ text: "42", images: [] });
    expect(seen).toContain("42");
  });

  it("invalid arguments are refused by the schema before the tool runs; thrown errors and error tool messages become error observations", async () => {
    const bad = await runOnce([fromLangChainTool(multiply)], "multiply", { a: "six" });
    expect(bad.record.observation.error?.code).toBe("tool_input_invalid");
    const thrower = tool(async () => { throw new Error("upstream said no"); }, { name: "thrower", description: "Fails.", schema: z.object({}) });
    const thrown = await runOnce([fromLangChainTool(thrower)], "thrower", {});
    expect([thrown.record.observation.error?.code, thrown.record.observation.text]).toEqual(["tool_failed", "Error (tool_failed): thrower failed: upstream said no"]);
    expect(thrown.seen).toContain("upstream said no");
    const reporter = tool(async (_input, config) => new ToolMessage({ content: "quota exceeded", tool_call_id: (config as { toolCall: { id: string } }).toolCall.id, status: "error" }), { name: "reporter", description: "Reports an error.", schema: z.object({}) });
    const reported = await runOnce([fromLangChainTool(reporter)], "reporter", {});
    expect(reported.record.observation.error?.message).toBe("reporter failed: quota exceeded");
  });

  it("a StructuredTool with a zod 3 schema and a camelCase name, a DynamicStructuredTool with a JSON schema", async () => {
    class WordCount extends StructuredTool {
      name = "WordCount";
      description = "Counts the words of a text.";
      schema = z3.object({ text: z3.string(), unique: z3.boolean().optional() });
      async _call({ text, unique }: { text: string; unique?: boolean }) {
        const words = text.split(/\s+/).filter(Boolean);
        return String(unique ? new Set(words).size : words.length);
      }
    }
    const counted = fromLangChainTool(new WordCount());
    expect(counted.name).toBe("word_count");
    expect((await runOnce([counted], "word_count", { text: "a b a", unique: true })).record.observation.text).toBe("2");
    expect((await runOnce([counted], "word_count", { text: 3 })).record.observation.error?.code).toBe("tool_input_invalid");

    const lookup = new DynamicStructuredTool({
      name: "lookup",
      description: "Looks a code up.",
      schema: { type: "object", properties: { code: { type: "string", enum: ["A", "B"] } }, required: ["code"] },
      func: async (input: Record<string, unknown>) => `code ${String(input.code)} is active`,
    });
    const looked = fromLangChainTool(lookup);
    expect((await runOnce([looked], "lookup", { code: "B" })).record.observation.text).toBe("code B is active");
    expect((await runOnce([looked], "lookup", { code: "C" })).record.observation.error?.code).toBe("tool_input_invalid");
  });

  it("image content blocks become produced images in the store; a content_and_artifact tool's artifact is the observation's data", async () => {
    const snapshot = tool(async () => [[{ type: "text", text: "here it is" }, { type: "image", source_type: "base64", mime_type: "image/jpeg", data: photoBytes.toString("base64") }], { camera: 2 }], {
      name: "snapshot",
      description: "Takes a picture.",
      schema: z.object({}),
      responseFormat: "content_and_artifact",
    });
    const { record, result } = await runOnce([fromLangChainTool(snapshot)], "snapshot", {});
    expect(record.observation.text).toBe("here it is");
    expect(record.observation.data).toEqual({ camera: 2 });
    expect(record.observation.images).toHaveLength(1);
    expect(record.observation.images[0]).toMatchObject({ width: 576, height: 1024, mime: "image/jpeg" });
    expect(result.steps[0]?.calls[0]?.observation.images[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a value that is not a LangChain tool", () => {
    expect(() => fromLangChainTool({ name: "x", description: "", schema: z.object({}) } as never)).toThrow(/no invoke method/);
  });
});

describe("fromLangChainTool with @langchain/tavily's TavilySearch, against a local server in Tavily's place", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/search", (request) => {
      const body = JSON.parse(request.body) as { query: string };
      if (body.query === "fail") return { status: 500, json: { detail: { error: "internal error" } } };
      if (body.query === "nothing") return { json: { query: body.query, results: [] } };
      return { json: { query: body.query, results: [{ title: "Vending machine", url: "https://example.org/vending", content: "Hero of Alexandria described a coin-operated holy water dispenser.", score: 0.9 }] } };
    });
  });
  afterAll(async () => server.close());

  const tavily = () => fromLangChainTool(new TavilySearch({ tavilyApiKey: "tvly-local-test", apiBaseUrl: server.url, maxResults: 3 }));

  it("searches through the real tool: the request Tavily's API gets, the results the model reads", async () => {
    const { record, seen } = await runOnce([tavily()], "tavily_search", { query: "first vending machine" });
    const request = server.received.at(-1)!;
    expect([request.method, request.path, request.headers.authorization]).toEqual(["POST", "/search", "Bearer tvly-local-test"]);
    expect(JSON.parse(request.body)).toMatchObject({ query: "first vending machine", max_results: 3 });
    expect(record.observation.error).toBeUndefined();
    expect(record.observation.text).toContain("Hero of Alexandria");
    expect(seen).toContain("Hero of Alexandria");
  });

  it("Tavily's failures (an HTTP error, no results) are error observations the model reads", async () => {
    const failed = await runOnce([tavily()], "tavily_search", { query: "fail" });
    expect(failed.record.observation.error?.code).toBe("tool_failed");
    expect(failed.record.observation.text).toContain("Error 500: internal error");
    const empty = await runOnce([tavily()], "tavily_search", { query: "nothing" });
    expect(empty.record.observation.text).toContain("No search results found for 'nothing'");
    expect(empty.seen).toContain("No search results found");
  });
});

import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { text } from "../../src/models/messages.js";
import { nativeDialect } from "../../src/dialects/native-dialect.js";
import { langchainModel } from "../../src/models/langchain/langchain-model.js";
import { allTools, callRecord, loadImages, step } from "../dialects/agent-fixtures.js";
import { completion, dataUrlBytes, startChatServer, withImageBytes, type ChatServer, caught } from "./chat-server.js";

let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function chatModel(baseURL: string) {
  return new ChatOpenAI({ model: "test-model", apiKey: "test", configuration: { baseURL }, maxRetries: 0 });
}

describe("langchainModel over ChatOpenAI", () => {
  it("round-trips native tool calls with the native dialect, images and usage", async () => {
    server = await startChatServer((_request, i) =>
      i === 0
        ? { json: completion("I will zoom on the label.", { toolCalls: [{ id: "call_zoom_1", name: "zoom", arguments: '{"bbox_2d": [100, 200, 300, 400]}' }], usage: [900, 40] }) }
        : { json: completion("There are 3 bottles and 2 cups.", { usage: [1500, 25] }) },
    );
    const { store, original, crops, gallery } = await loadImages();
    const dialect = nativeDialect();
    const model = langchainModel(chatModel(server.baseURL));
    expect(model.modelId).toBe("test-model");
    expect(model.provider).toBe("langchain");

    const first = dialect.buildRequest({ question: "How many bottles and cups?", images: [original], steps: [], tools: allTools, gallery });
    const response1 = await model.generate({ ...first, messages: await withImageBytes(first.messages, store) });
    expect(response1.usage).toEqual({ inputTokens: 900, outputTokens: 40 });
    const turn1 = dialect.parseTurn(response1, allTools);
    expect(turn1).toEqual({ kind: "tool_calls", thought: "I will zoom on the label.", calls: [{ id: "call_zoom_1", name: "zoom", arguments: { bbox_2d: [100, 200, 300, 400] } }] });

    const body1 = server.requests[0]?.body;
    expect(body1.model).toBe("test-model");
    expect(body1.tools.map((tool: { function: { name: string } }) => tool.function.name)).toEqual(["zoom", "text_search", "image_search", "web_visit", "code"]);
    expect(body1.tools[0].function.parameters.properties.bbox_2d.type).toBe("array");
    expect(body1.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    const firstImage = body1.messages[1].content.find((part: { type: string }) => part.type === "image_url");
    expect(dataUrlBytes(firstImage.image_url.url).bytes.equals(Buffer.from((await store.get(original.id)).bytes))).toBe(true);

    const steps = [step(0, { kind: "tool_calls", thought: "I will zoom on the label.", calls: [callRecord("call_zoom_1", "zoom", { bbox_2d: [100, 200, 300, 400] }, "zoomed ×2", [crops[0]!])] })];
    const second = dialect.buildRequest({ question: "How many bottles and cups?", images: [original], steps, tools: allTools, gallery });
    const response2 = await model.generate({ ...second, messages: await withImageBytes(second.messages, store) });
    expect(dialect.parseTurn(response2, allTools)).toEqual({ kind: "answer", thought: "", answer: "There are 3 bottles and 2 cups." });
    expect(response2.usage).toEqual({ inputTokens: 1500, outputTokens: 25 });
    expect(response2.finishReason).toBe("stop");

    const body2 = server.requests[1]?.body;
    expect(body2.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant", "tool", "user"]);
    expect(body2.messages[2].tool_calls).toEqual([{ id: "call_zoom_1", type: "function", function: { name: "zoom", arguments: '{"bbox_2d":[100,200,300,400]}' } }]);
    expect(body2.messages[3]).toMatchObject({ role: "tool", tool_call_id: "call_zoom_1", content: "zoomed ×2" });
    const moved = body2.messages[4].content;
    expect(moved[0]).toEqual({ type: "text", text: "Images returned by the zoom call call_zoom_1:\nobservation 1:" });
    expect(dataUrlBytes(moved[1].image_url.url).bytes.equals(Buffer.from((await store.get(crops[0]!.id)).bytes))).toBe(true);
  });

  it("passes stop sequences and returns text for text dialects", async () => {
    server = await startChatServer(() => ({ json: completion('<think>t</think><tool_call>{"name": "code", "arguments": {"code": "1"}}') }));
    const model = langchainModel(chatModel(server.baseURL), { modelId: "r1v4-local" });
    const response = await model.generate({ messages: [{ role: "system", content: [text("sys")] }, { role: "user", content: [text("hi")] }], stop: ["</tool_call>"] });
    expect(model.modelId).toBe("r1v4-local");
    expect(response.text).toBe('<think>t</think><tool_call>{"name": "code", "arguments": {"code": "1"}}');
    expect(response.toolCalls).toEqual([]);
    expect(server.requests[0]?.body.stop).toEqual(["</tool_call>"]);
    expect(server.requests[0]?.body.tools).toBeUndefined();
  });

  it("maps HTTP failures to model_failed with retryability from the status", async () => {
    server = await startChatServer((_request, i) => (i === 0 ? { status: 429, json: { error: { message: "rate limited" } } } : { status: 401, json: { error: { message: "bad key" } } }));
    const model = langchainModel(chatModel(server.baseURL));
    const limited = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }), "model_failed");
    expect(limited.code).toBe("model_failed");
    expect(limited.retryable).toBe(true);
    expect(limited.details.status).toBe(429);
    const denied = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }), "model_failed");
    expect(denied.retryable).toBe(false);
    expect(denied.details.status).toBe(401);
    expect(denied.message).toContain("check the API key");
  });

  it("stops when the caller aborts", async () => {
    server = await startChatServer(() => "hang");
    const controller = new AbortController();
    const model = langchainModel(chatModel(server.baseURL));
    const pending = caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }], signal: controller.signal }));
    await server.received(1);
    controller.abort();
    expect((await pending).code).toBe("aborted");
  });
});

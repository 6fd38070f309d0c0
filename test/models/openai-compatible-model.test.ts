import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { type ModelMessage } from "interleaf";
import { text } from "../../src/models/messages.js";
import { openAICompatibleModel } from "../../src/models/openai-compatible/openai-compatible-model.js";
import { loadImages } from "../dialects/agent-fixtures.js";
import { completion, dataUrlBytes, startChatServer, withImageBytes, type ChatServer, caught } from "./chat-server.js";

const KEY = "sk-test-9f8e7d6c5b4a-secret";
let server: ChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function recordingSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("openAICompatibleModel", () => {
  it("continues the model's own message with an image in it, as vLLM's continue_final_message does (Thyme's loop)", async () => {
    server = await startChatServer(() => ({ json: completion("The plate reads ABC.</think>\n<answer>ABC</answer>") }));
    const { store, original } = await loadImages();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "thyme", apiKey: "" });
    const messages = await withImageBytes(
      [
        { role: "user", content: [text("Read the plate.")] },
        { role: "assistant", content: [text("<think>Crop it.<code>crop</code>\n<sandbox_output>"), { type: "image", ref: original, label: "image 1" }, text("</sandbox_output>")] },
      ],
      store,
    );
    await model.generate({ messages, continueFinalMessage: true });
    const body = server.requests[0]!.body;
    expect(body).toMatchObject({ continue_final_message: true, add_generation_prompt: false });
    const assistant = body.messages[1];
    expect(assistant.role).toBe("assistant");
    expect(assistant.content.map((part: { type: string }) => part.type)).toEqual(["text", "image_url", "text"]);
    expect(dataUrlBytes(assistant.content[1].image_url.url).mime).toBe("image/jpeg");
  });

  it("sends images as data URLs before the text, with stop, extra body, tools and the key", async () => {
    server = await startChatServer(() => ({ json: completion("<think>It is a bottle.</think><answer>3</answer>", { usage: [1234, 56] }) }));
    const { store, original } = await loadImages();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "skywork/r1v4-lite", apiKey: KEY, extraBody: { enable_search: true }, stop: ["<|im_end|>"], headers: { "x-trace": "t1" }, imagePlacement: "before-text" });
    const messages = await withImageBytes(
      [
        { role: "system", content: [text("You are helpful.")] },
        { role: "user", content: [text("How many bottles?"), { type: "image", ref: original, label: "original image" }] },
      ],
      store,
    );
    const response = await model.generate({
      messages,
      stop: ["</tool_call>"],
      temperature: 0.2,
      maxTokens: 2048,
      tools: [{ name: "zoom", description: "Zooms.", parameters: { type: "object", properties: {} } }],
    });
    expect(response).toEqual({ text: "<think>It is a bottle.</think><answer>3</answer>", toolCalls: [], usage: { inputTokens: 1234, outputTokens: 56 }, finishReason: "stop" });
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request?.headers["x-trace"]).toBe("t1");
    expect(request?.body).toMatchObject({ model: "skywork/r1v4-lite", stop: ["<|im_end|>", "</tool_call>"], temperature: 0.2, max_tokens: 2048, enable_search: true });
    expect(request?.body.tools).toEqual([{ type: "function", function: { name: "zoom", description: "Zooms.", parameters: { type: "object", properties: {} } } }]);
    expect(request?.body.messages[0]).toEqual({ role: "system", content: "You are helpful." });
    const user = request?.body.messages[1];
    expect(user.content.map((part: { type: string }) => part.type)).toEqual(["image_url", "text"]);
    expect(user.content[1]).toEqual({ type: "text", text: "How many bottles?" });
    const sent = dataUrlBytes(user.content[0].image_url.url);
    expect(sent.mime).toBe("image/jpeg");
    expect(sent.bytes.equals(Buffer.from((await store.get(original.id)).bytes))).toBe(true);
  });

  it("reads tool calls with JSON arguments and puts reasoning_content in front as <think>", async () => {
    server = await startChatServer(() => ({
      json: completion(null, { reasoning: "Need a closer look.", toolCalls: [{ id: "call_7", name: "zoom", arguments: '{"bbox_2d": [1, 2, 3, 4]}' }, { id: "call_8", name: "code", arguments: "{broken" }] }),
    }));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY });
    const response = await model.generate({ messages: [{ role: "user", content: [text("hi")] }] });
    expect(response.text).toBe("<think>Need a closer look.</think>");
    expect(response.toolCalls).toEqual([
      { id: "call_7", name: "zoom", arguments: { bbox_2d: [1, 2, 3, 4] } },
      { id: "call_8", name: "code", arguments: "{broken" },
    ]);
    expect(response.finishReason).toBe("tool_calls");
  });

  it("sends tool results as text and their images in a user message right after", async () => {
    server = await startChatServer(() => ({ json: completion("done") }));
    const { store, original, crops } = await loadImages();
    const messages: ModelMessage[] = [
      { role: "user", content: [text("q")] },
      { role: "assistant", content: [], toolCalls: [{ id: "c1", name: "zoom", arguments: { bbox_2d: [0, 0, 9, 9] } }, { id: "c2", name: "text_search", arguments: { queries: ["x"] } }] },
      { role: "tool", toolCallId: "c1", toolName: "zoom", content: [text("zoomed"), text("\nobservation 1:"), { type: "image", ref: crops[0]!, label: "observation 1" }] },
      { role: "tool", toolCallId: "c2", toolName: "text_search", content: [text("results")] },
    ];
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, imagePlacement: "in-order" });
    await model.generate({ messages: await withImageBytes(messages, store) });
    const sent = server.requests[0]?.body.messages;
    expect(sent.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "tool", "tool", "user"]);
    expect(sent[1]).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "c1", type: "function", function: { name: "zoom", arguments: '{"bbox_2d":[0,0,9,9]}' } },
        { id: "c2", type: "function", function: { name: "text_search", arguments: '{"queries":["x"]}' } },
      ],
    });
    expect(sent[2]).toEqual({ role: "tool", tool_call_id: "c1", content: "zoomed" });
    expect(sent[4].content[0]).toEqual({ type: "text", text: "Images returned by the zoom call c1:\nobservation 1:" });
    expect(dataUrlBytes(sent[4].content[1].image_url.url).bytes.equals(Buffer.from((await store.get(crops[0]!.id)).bytes))).toBe(true);
    expect(original.id).not.toBe(crops[0]!.id);
  });

  it("waits as Retry-After says after a 429, then succeeds", async () => {
    server = await startChatServer((_request, i) => (i === 0 ? { status: 429, headers: { "retry-after": "3" }, json: { error: { message: "slow down" } } } : { json: completion("ok") }));
    const { waits, sleep } = recordingSleep();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, sleep });
    const response = await model.generate({ messages: [{ role: "user", content: [text("hi")] }] });
    expect(response.text).toBe("ok");
    expect(waits).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it("gives up on a repeated 500 with a retryable error that never shows the key", async () => {
    server = await startChatServer((request) => ({ status: 500, json: { error: { message: `internal error for ${String(request.headers.authorization)}` } } }));
    const { waits, sleep } = recordingSleep();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, sleep, random: () => 0.5, maxRetries: 2, retryBaseDelayMs: 1000 });
    const error = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }));
    expect(server.requests).toHaveLength(3);
    expect(waits).toEqual([750, 1500]);
    expect(error.code).toBe("model_failed");
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 500, attempts: 3 });
    expect(error.message).toContain("HTTP 500");
    expect(error.message).toContain("[redacted]");
    for (const rendering of [error.message, JSON.stringify(error), inspect(error, { depth: 10 }), String(error.stack)]) expect(rendering).not.toContain(KEY);
  });

  it("does not retry a 400 and says what to check", async () => {
    server = await startChatServer(() => ({ status: 400, json: { error: { message: "image too large" } } }));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, sleep: async () => {} });
    const error = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }));
    expect(server.requests).toHaveLength(1);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/HTTP 400 .*image too large.*check the messages/);
  });

  it("explains a body that is not JSON", async () => {
    server = await startChatServer(() => ({ text: "<html><body>Welcome to nginx!</body></html>" }));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, sleep: async () => {} });
    const error = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }));
    expect(error.code).toBe("model_failed");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("not JSON");
    expect(error.message).toContain("Welcome to nginx!");
    expect(error.message).toContain("baseURL");
    expect(server.requests).toHaveLength(1);
  });

  it("stops when the caller aborts", async () => {
    server = await startChatServer(() => "hang");
    const controller = new AbortController();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, sleep: async () => {} });
    const pending = caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }], signal: controller.signal }));
    await server.received(1);
    controller.abort();
    const error = await pending;
    expect(error.code).toBe("aborted");
    expect(server.requests).toHaveLength(1);
  });

  it("turns a timeout into a retryable error", async () => {
    server = await startChatServer(() => "hang");
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, timeoutMs: 50, maxRetries: 0 });
    const error = await caught(model.generate({ messages: [{ role: "user", content: [text("hi")] }] }));
    expect(error.code).toBe("model_failed");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("did not answer within 50 ms");
  });

  it("takes the key from the named environment variable, and sends none when told apiKey: \"\"", async () => {
    server = await startChatServer(() => ({ json: completion("ok") }));
    process.env.INTERLEAF_TEST_MODEL_KEY = KEY;
    try {
      await openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKeyEnv: "INTERLEAF_TEST_MODEL_KEY" }).generate({ messages: [{ role: "user", content: [text("a")] }] });
      await openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", apiKeyEnv: "INTERLEAF_TEST_MODEL_KEY" }).generate({ messages: [{ role: "user", content: [text("b")] }] });
    } finally {
      delete process.env.INTERLEAF_TEST_MODEL_KEY;
    }
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[1]?.headers.authorization).toBeUndefined();
  });

  it("refuses to start without a key, naming the environment variable and how to go without one", async () => {
    delete process.env.INTERLEAF_TEST_MODEL_KEY_UNSET;
    const error = await caught(Promise.resolve().then(() => openAICompatibleModel({ baseURL: "http://127.0.0.1:9/v1", model: "m", apiKeyEnv: "INTERLEAF_TEST_MODEL_KEY_UNSET" })));
    expect(error.code).toBe("config_invalid");
    expect(error.message).toContain("set INTERLEAF_TEST_MODEL_KEY_UNSET or pass apiKey");
    expect(error.message).toContain('apiKey: ""');
    expect(error.details).toEqual({ environmentVariable: "INTERLEAF_TEST_MODEL_KEY_UNSET" });
  });

  it("refuses an image part without bytes with a clear error", async () => {
    server = await startChatServer(() => ({ json: completion("ok") }));
    const { original } = await loadImages();
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY });
    const error = await caught(model.generate({ messages: [{ role: "user", content: [{ type: "image", ref: original, label: "original image" }] }] }));
    expect(error.code).toBe("invalid_argument");
    expect(error.message).toContain("without bytes");
    expect(server.requests).toHaveLength(0);
  });
});

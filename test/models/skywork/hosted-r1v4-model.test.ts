import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { InterleafError, ToolRegistry } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { hostedR1V4Agent } from "interleaf/graphs";
import { hostedR1V4Model, hostedR1V4Planner } from "interleaf/skywork";
import { ingestImage } from "interleaf/images";
import { searchWeb } from "../../planning/helpers.js";
import { skyworkFixture, startSkyworkServer, type SkyworkServer } from "./skywork-server.js";

const KEY = "sk-skywork-test-0123456789abcdef";
const PHOTO = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_2.jpg", import.meta.url));
const QUESTION = "这个人2025年全球总决赛夺冠了嘛？";
const noSleep = async () => undefined;

let server: SkyworkServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("hostedR1V4Model sends what Skywork's clients send", () => {
  it("posts to /api/v1/chat/completions with the bearer key, the image data URL then the text, stream false and enable_search, no system prompt and no stop", async () => {
    server = await startSkyworkServer(KEY, () => ({ content: skyworkFixture("traces/vendor-parse-utils-sample.txt") }));
    const agent = hostedR1V4Agent({ api: { apiKey: KEY, baseURL: server.baseURL, enableSearch: true }, storage: "memory" });
    const result = await agent.run({ question: QUESTION, images: [PHOTO] });
    expect(result.status).toBe("answered");
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.path).toBe("/api/v1/chat/completions");
    expect(request.authorization).toBe(`Bearer ${KEY}`);
    expect(Object.keys(request.body).sort()).toEqual(["enable_search", "messages", "model", "stream"]);
    expect(request.body).toMatchObject({ model: "skywork/r1v4-lite", stream: false, enable_search: true });
    expect(request.body.messages).toHaveLength(1);
    const [image, text] = request.body.messages[0].content;
    expect(request.body.messages[0].role).toBe("user");
    expect(text).toEqual({ type: "text", text: QUESTION });
    expect(image.type).toBe("image_url");
    const bytes = Buffer.from(String(image.image_url.url).replace(/^data:image\/jpeg;base64,/, ""), "base64");
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    await agent.close();
  });

  it("sends enable_search false by default, as the clients do, and reads the key from SKYWORK_API_KEY", async () => {
    server = await startSkyworkServer(KEY, () => ({ content: "<think>Nothing to look up.</think><answer>4</answer>" }));
    process.env.SKYWORK_API_KEY = KEY;
    try {
      const model = hostedR1V4Model({ baseURL: server.baseURL });
      const reply = await model.generate({ messages: [{ role: "user", content: [{ type: "text", text: "2+2?" }] }] });
      expect(reply.text).toBe("<think>Nothing to look up.</think><answer>4</answer>");
      expect(server.requests[0]?.body.enable_search).toBe(false);
    } finally {
      delete process.env.SKYWORK_API_KEY;
    }
  });

  it("refuses to start without a key, naming the variable", () => {
    let caught: unknown;
    try {
      hostedR1V4Model({ apiKeyEnv: "INTERLEAF_TEST_NO_SUCH_KEY" });
    } catch (error) {
      caught = error;
    }
    expect(InterleafError.isInstance(caught, "config_invalid")).toBe(true);
    expect((caught as InterleafError).message).toContain("INTERLEAF_TEST_NO_SUCH_KEY");
  });
});

describe("hostedR1V4Model maps the API's error bodies to typed errors without leaking the key", () => {
  const ask = (baseURL: string, apiKey = KEY, model?: string) =>
    hostedR1V4Model({ apiKey, baseURL, maxRetries: 1, sleep: noSleep, ...(model ? { model } : {}) }).generate({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] });

  it("401 (the server echoes the refused key): not retryable, the key is not in the message", async () => {
    server = await startSkyworkServer(KEY, () => ({ content: "unused" }));
    const wrong = "sk-wrong-key-that-must-not-leak-42";
    const error = await ask(server.baseURL, wrong).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "model_failed")).toBe(true);
    const failure = error as InterleafError<"model_failed">;
    expect(failure.retryable).toBe(false);
    expect(failure.details.status).toBe(401);
    expect(failure.details.provider).toBe("skywork");
    expect(failure.message).toContain("invalid api key");
    expect(JSON.stringify(failure.toJSON())).not.toContain(wrong);
    expect(server.requests).toHaveLength(1);
  });

  it("400 for a request the API refuses: not retryable, with the server's reason", async () => {
    server = await startSkyworkServer(KEY, () => ({ content: "unused" }));
    const error = await ask(server.baseURL, KEY, "skywork/nope").catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "model_failed")).toBe(true);
    expect((error as InterleafError).retryable).toBe(false);
    expect((error as InterleafError).message).toContain("unknown model skywork/nope");
  });

  it("429 with Retry-After and 5xx are retryable and retried", async () => {
    server = await startSkyworkServer(KEY, (_request, index) =>
      index === 0 ? { status: 429, error: { message: "rate limit exceeded", type: "rate_limit_error" }, headers: { "retry-after": "2" } } : { content: "<think>ok</think><answer>yes</answer>" },
    );
    expect((await ask(server.baseURL)).text).toBe("<think>ok</think><answer>yes</answer>");
    await server.close();
    server = await startSkyworkServer(KEY, () => ({ status: 503, error: { message: "upstream busy" } }));
    const error = await ask(server.baseURL).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "model_failed")).toBe(true);
    expect((error as InterleafError).retryable).toBe(true);
    expect((error as InterleafError<"model_failed">).details.status).toBe(503);
    expect(server.requests).toHaveLength(2);
  });
});

describe("hostedR1V4Planner turns the planner model's reply into a validated plan", () => {
  it("sends no system prompt and no enable_search, reads <think> and <plan> with JSON-string parameters as Skywork's client does, maps planner names to the executor's", async () => {
    const reply = skyworkFixture("plans/composed-json-string-parameters.txt");
    const upstream = JSON.parse(skyworkFixture("plans/composed-json-string-parameters.parsed.json")) as { think: string; steps: { description: string; tool_name: string; parameters: Record<string, unknown> }[] };
    server = await startSkyworkServer(KEY, () => ({ content: reply }));
    const images = new MemoryImageStore();
    const photo = await ingestImage(images, readFileSync(PHOTO));
    const planner = hostedR1V4Planner({ apiKey: KEY, baseURL: server.baseURL });
    const plan = await planner.plan({ question: QUESTION, images: [photo], tools: new ToolRegistry(searchWeb({ text: {}, image: {}, visit: {} })), imageStore: images });
    const body = server.requests[0]?.body;
    expect(body.model).toBe("skywork/r1v4-vl-planner-lite");
    expect("enable_search" in body).toBe(false);
    expect(body.messages.map((m: { role: string }) => m.role)).toEqual(["user"]);
    expect(body.messages[0].content.map((p: { type: string }) => p.type)).toEqual(["image_url", "text"]);
    expect(plan.thought).toBe(upstream.think.trim());
    expect(plan.steps.map((s) => [s.description, s.tool_name])).toEqual(upstream.steps.map((s) => [s.description, s.tool_name]));
    // Skywork's client gets the planner's singular names; interleaf's executor takes lists.
    expect(upstream.steps[1]?.parameters).toEqual({ query: "[Person identified in Step 1] 2025 World Championship" });
    expect(plan.steps[1]?.parameters).toEqual({ queries: ["[Person identified in Step 1] 2025 World Championship"] });
    expect(plan.steps[0]?.parameters).toEqual({ image_paths: ["original image"] });
    expect(plan.steps[2]?.parameters).toEqual({ urls: ["[URL found in Step 2]"] });
    expect(plan.steps[3]?.parameters).toEqual({});
    expect(plan.dependencies.needs).toEqual([[], [1], [2], [3]]);
    expect(plan.planner).toBe("skywork:skywork/r1v4-vl-planner-lite");
  });

  it("a reply that is no plan is sent back once, then plan_invalid", async () => {
    server = await startSkyworkServer(KEY, () => ({ content: "<think>hmm</think><plan>not json</plan>" }));
    const planner = hostedR1V4Planner({ apiKey: KEY, baseURL: server.baseURL });
    const error = await planner.plan({ question: "?", images: [], tools: new ToolRegistry(searchWeb({ text: {}, image: {}, visit: {} })), imageStore: new MemoryImageStore() }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "plan_invalid")).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]?.body.messages.map((m: { role: string }) => m.role)).toEqual(["user", "assistant", "user"]);
  });
});

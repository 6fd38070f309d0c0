import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { createLocalSandbox } from "interleaf/sandbox";
import { modelPlanner, structuredOutputPlanner } from "interleaf/planning";
import { modelSummarizer, refusingImageHost } from "interleaf/search";
import { type ImageHost } from "interleaf";
import { codeSandboxConformance } from "../../src/conformance/code-sandbox.js";
import { imageHostConformance } from "../../src/conformance/image-host.js";
import { plannerConformance } from "../../src/conformance/planner.js";
import { summarizerConformance } from "../../src/conformance/summarizer.js";
import { scriptedModel } from "interleaf/testing";
import { completion, startChatServer, type ChatServer } from "../models/chat-server.js";
import { PAPER_PLAN, WEB, photo, searchWeb } from "../planning/helpers.js";

// The suites of the extension points that had none, run against every built-in implementation.
const image = new Uint8Array(readFileSync(photo));

// CodeSandbox: the bubblewrap sandbox (needs bubblewrap and Debian's python3-pil).
codeSandboxConformance("createLocalSandbox", () => createLocalSandbox({ limits: { wallMs: 20_000 } }));

// Planners: R1V4's plan-mode prompt over a scripted model, and native structured output of a
// LangChain chat model against a local OpenAI-compatible server.
const tools = searchWeb(WEB);
const planText = `<plan>${JSON.stringify(PAPER_PLAN)}</plan>`;
plannerConformance("modelPlanner over scriptedModel", () => modelPlanner(scriptedModel(() => planText)), {
  tools,
  images: [image],
  invalid: () => modelPlanner(scriptedModel(() => "I would rather not plan.")),
});

let chat: ChatServer;
beforeAll(async () => {
  const structured = (steps: readonly { parameters: unknown }[]) => JSON.stringify({ steps: steps.map((s) => ({ ...s, parameters: JSON.stringify(s.parameters) })) });
  const broken = [{ description: "Search [Landmark from Step 3]", tool_name: "text_search", parameters: { query: "[Landmark from Step 3] height" } }];
  chat = await startChatServer((request) => ({ json: completion(request.body.model === "broken" ? structured(broken) : structured(PAPER_PLAN)) }));
});
afterAll(async () => chat.close());
const chatModel = (model: string) => new ChatOpenAI({ model, apiKey: "sk-test", configuration: { baseURL: chat.baseURL }, maxRetries: 0 });
plannerConformance("structuredOutputPlanner (local HTTP server)", () => structuredOutputPlanner(chatModel("gpt-4.1-mini")), {
  tools,
  images: [image],
  invalid: () => structuredOutputPlanner(chatModel("broken")),
});

// Summarizer: the model summarizer over a scripted model.
summarizerConformance("modelSummarizer over scriptedModel", () => modelSummarizer(scriptedModel(() => "<think>The goal is the year.</think>Evidence: it opened in 1966.")), {
  check: (summary) => expect(summary).toBe("Evidence: it opened in 1966."),
});

// ImageHost: the default refusing host, and a host serving the images from a local HTTP server.
imageHostConformance("refusingImageHost", () => refusingImageHost(), { image, expect: "refusal" });

const hosted = new Map<string, Uint8Array>();
let images: Server;
let base = "";
beforeAll(async () => {
  images = createServer((req, res) => {
    const bytes = hosted.get((req.url ?? "").slice(1));
    res.writeHead(bytes ? 200 : 404, { "content-type": "image/jpeg" }).end(bytes);
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => images.close(() => resolve())));
const localHost: ImageHost = {
  specificationVersion: "v1",
  async url({ ref, bytes }) {
    hosted.set(ref.id, new Uint8Array(bytes));
    return `${base}/${ref.id}`;
  },
};
imageHostConformance("a host serving from 127.0.0.1", () => localHost, { image });

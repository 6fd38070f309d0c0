import { afterAll, beforeAll } from "vitest";
import type { ModelResponse } from "interleaf";
import { dialectConformance, modelBackendConformance } from "interleaf/conformance";
import { hostedR1V4Dialect, hostedR1V4Model } from "interleaf/skywork";
import { startSkyworkServer, type SkyworkServer } from "./skywork-server.js";

const usage = { inputTokens: 0, outputTokens: 0 };

// A hosted trace ending in a tool call with no result is run by interleaf when it has the tool: the suite's calls.
dialectConformance("hostedR1V4Dialect", () => hostedR1V4Dialect(), {
  toolCallTurn: (name: string, args: Record<string, unknown>): ModelResponse => ({ text: `<think>Use it.</think>\n<tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`, toolCalls: [], usage }),
  answerTurn: (answer: string): ModelResponse => ({ text: `<think>Done.</think>\n<answer>${answer}</answer>`, toolCalls: [], usage }),
});

let server: SkyworkServer;
beforeAll(async () => {
  server = await startSkyworkServer("sk-conformance", () => ({ content: "<think>Seen.</think><answer>blue</answer>" }), { strict: false });
});
afterAll(async () => server.close());
modelBackendConformance("hostedR1V4Model (local server speaking the Skywork API)", () => hostedR1V4Model({ apiKey: "sk-conformance", baseURL: server.baseURL, maxRetries: 0 }));

import { afterEach, describe, expect, it } from "vitest";
import { createGraphAgent, nativeDialect, openAICompatibleModel, r1v4Dialect, type AgentEvent } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { delta, startSseServer, text, type SseServer, type SseStep } from "./sse-server.js";
import { answer, describeTool } from "../helpers.js";

const KEY = "sk-live-0123456789abcdef";
const usage = (prompt: number, completion: number): SseStep => ({ chunk: { choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion } } });
const pieces = (whole: string, size: number): SseStep[] => Array.from({ length: Math.ceil(whole.length / size) }, (_, i) => text(whole.slice(i * size, (i + 1) * size)));

let server: SseServer | undefined;
afterEach(async () => server?.close());

describe("token streaming from an OpenAI-compatible server (SSE)", () => {
  it("yields the model's text as token events while the server is still sending, then the usual per-turn events", async () => {
    let seenFirstToken!: () => void;
    const firstTokenSeen = new Promise<void>((resolve) => (seenFirstToken = resolve));
    const turn = '<think>Look closer.</think>\n<tool_call>{"name": "describe", "arguments": {"note": "x"}}</tool_call>';
    server = await startSseServer((_body, i) =>
      i === 0
        ? [text(turn.slice(0, 10)), { wait: firstTokenSeen }, ...pieces(turn.slice(10), 7), usage(120, 30)]
        : [...pieces(answer("done"), 5), usage(200, 10)],
    );
    // No key: with one, the last characters are held back until the next piece shows they are not the key.
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 0 });
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] });
    const events: AgentEvent[] = [];
    const stream = agent.stream({ question: "?" }, { tokens: true });
    let next = await stream.next();
    for (; !next.done; next = await stream.next()) {
      events.push(next.value);
      // The server holds the rest of the reply until the first piece has reached us: a run that
      // buffered the reply would never see it, and the test would time out.
      if (next.value.type === "token") seenFirstToken();
    }
    const result = next.value;
    expect(result.status).toBe("answered");
    expect(server.bodies[0]).toMatchObject({ stream: true, stream_options: { include_usage: true }, stop: ["</tool_call>"] });
    const tokens = (step: number) => events.filter((e): e is Extract<AgentEvent, { type: "token" }> => e.type === "token" && e.step === step).map((e) => e.text);
    expect(tokens(0)[0]).toBe(turn.slice(0, 10));
    expect(tokens(0).join("")).toBe(result.steps[0]?.raw);
    expect(tokens(1).join("")).toBe(answer("done"));
    expect(result.steps[0]?.usage).toEqual({ inputTokens: 120, outputTokens: 30 });
    expect(result.steps[0]?.calls[0]?.arguments).toEqual({ note: "x" });
    // Each token of a step comes before its model_turn event.
    const firstTurn = events.findIndex((e) => e.type === "model_turn");
    expect(events.findIndex((e) => e.type === "token")).toBeLessThan(firstTurn);
    expect(events.findLastIndex((e) => e.type === "token" && e.step === 0)).toBeLessThan(firstTurn);
  });

  it("sends no stream flag and yields no token events unless asked", async () => {
    server = await startSseServer(() => ({ json: { choices: [{ message: { content: answer("4") }, finish_reason: "stop" }] } }));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 0 });
    const events: AgentEvent[] = [];
    const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() }).run({ question: "?" }, { onEvent: (e) => events.push(e) });
    expect(result.answer).toBe("4");
    expect(server.bodies[0]?.stream).toBeUndefined();
    expect(events.some((e) => e.type === "token")).toBe(false);
  });

  it("a server that echoes the stop string and runs past it: the text ends at the stop, the made-up rest is neither streamed nor stored", async () => {
    const turn = '<think>Zoom.</think>\n<tool_call>{"name": "describe", "arguments": {}}</tool_call>';
    server = await startSseServer((_b, i) => (i === 0 ? [...pieces(`${turn}\n<observation>made up</observation><answer>wrong</answer>`, 6)] : pieces(answer("right"), 9)));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 0 });
    const events: AgentEvent[] = [];
    const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] }).run({ question: "?" }, { tokens: true, onEvent: (e) => events.push(e) });
    expect(result.answer).toBe("right");
    expect(result.steps[0]?.raw).toBe(turn);
    const streamed = events.filter((e) => e.type === "token" && e.step === 0).map((e) => (e as { text: string }).text).join("");
    expect(streamed).toBe(turn);
  });

  it("redacts the API key from streamed text even when the server splits it across chunks", { timeout: 10_000 }, async () => {
    const leaked = `<think>The key is ${KEY}.</think><answer>ok</answer>`;
    server = await startSseServer(() => pieces(leaked, 5));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: KEY, maxRetries: 0 });
    const events: AgentEvent[] = [];
    const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() }).run({ question: "?" }, { tokens: true, onEvent: (e) => events.push(e) });
    const streamed = events.filter((e) => e.type === "token").map((e) => (e as { text: string }).text).join("");
    expect(streamed).toBe("<think>The key is [redacted].</think><answer>ok</answer>");
    expect(result.steps[0]?.raw).toBe(streamed);
    expect(JSON.stringify(events)).not.toContain(KEY.slice(0, 12));
  });

  it("assembles native tool calls and reasoning from their deltas", async () => {
    server = await startSseServer((_b, i) =>
      i === 0
        ? [
            delta({ reasoning_content: "I should " }),
            delta({ reasoning_content: "look." }),
            delta({ tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "describe", arguments: '{"no' } }] }),
            delta({ tool_calls: [{ index: 0, function: { arguments: 'te": "n"}' } }] }),
            { chunk: { choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] } },
          ]
        : [text("It is "), text("small.")],
    );
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 0 });
    const events: AgentEvent[] = [];
    const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: nativeDialect(), tools: [describeTool()] }).run({ question: "?" }, { tokens: true, onEvent: (e) => events.push(e) });
    expect(result.steps[0]?.calls[0]).toMatchObject({ id: "call_1", name: "describe", arguments: { note: "n" } });
    expect(result.steps[0]?.raw).toBe("<think>I should look.</think>");
    expect(events.filter((e) => e.type === "token" && e.step === 0).map((e) => (e as { text: string }).text)).toEqual(["<think>I should ", "look.", "</think>"]);
    expect(result.answer).toBe("It is small.");
  });

  it("a server that ignores stream: true still works: its whole reply is one token event", async () => {
    server = await startSseServer(() => ({ json: { choices: [{ message: { content: answer("7") }, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 4 } } }));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 0 });
    const events: AgentEvent[] = [];
    const result = await createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() }).run({ question: "?" }, { tokens: true, onEvent: (e) => events.push(e) });
    expect(result.answer).toBe("7");
    expect(events.filter((e) => e.type === "token")).toEqual([{ type: "token", step: 0, text: answer("7") }]);
  });
});

import { fileURLToPath } from "node:url";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { createGraphAgent, langchainModel, nativeDialect, r1v4Dialect, type AgentEvent, type RunResult } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer, call, describeTool } from "../helpers.js";
import { delta, startSseServer, text, type SseServer } from "./sse-server.js";

const photo = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const tokensOf = (events: AgentEvent[], step: number) => events.filter((e) => e.type === "token" && e.step === step).map((e) => (e as { text: string }).text);

async function run(agent: ReturnType<typeof createGraphAgent>, tokens: boolean): Promise<{ result: RunResult; events: AgentEvent[] }> {
  const events: AgentEvent[] = [];
  const result = await agent.run({ question: "How large is it?", images: [photo] }, { tokens, onEvent: (e) => events.push(e) });
  return { result, events };
}

let server: SseServer | undefined;
afterEach(async () => server?.close());

describe("token streaming from LangChain chat models", () => {
  const turns = [call("describe", { note: "n" }), answer("576 by 1024")];
  // A model that runs past the stop string and makes up the observation, as FakeListChatModel's stream does.
  const overrun = [`${call("describe", { note: "n" })}\n<observation>made up</observation>`, answer("576 by 1024")];

  it("FakeListChatModel answers the stop string itself when given one: the r1v4 dialect sees only malformed turns (the reported failure)", async () => {
    const model = langchainModel(new FakeListChatModel({ responses: turns }));
    const { result } = await run(createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] }), false);
    expect([result.status, result.stop?.reason, result.steps[0]?.raw]).toEqual(["stopped", "malformed_turns", "</tool_call>"]);
  });

  it("with stopSequences: client it drives the r1v4 dialect, streamed or not, and what it made up after the stop is dropped", async () => {
    for (const tokens of [false, true]) {
      const model = langchainModel(new FakeListChatModel({ responses: overrun }), { stopSequences: "client" });
      const { result, events } = await run(createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] }), tokens);
      expect([result.status, result.answer]).toEqual(["answered", "576 by 1024"]);
      expect(result.steps[0]?.raw).toBe(turns[0]);
      expect(result.steps[0]?.calls[0]?.observation.text).toBe("original image is 576×1024 (n)");
      if (tokens) {
        // FakeListChatModel streams one character at a time.
        expect(tokensOf(events, 0)).toHaveLength(turns[0]!.length);
        expect(tokensOf(events, 0).join("")).toBe(turns[0]);
      } else expect(tokensOf(events, 0)).toEqual([]);
    }
  });

  it("streamed with .stream, the default (stop passed to the model) works too, since the stream ends at the stop string", async () => {
    const model = langchainModel(new FakeListChatModel({ responses: overrun }));
    const { result, events } = await run(createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool()] }), true);
    expect(result.answer).toBe("576 by 1024");
    expect(tokensOf(events, 1).join("")).toBe(turns[1]);
  });

  it("ChatOpenAI streaming from a local server: text deltas as tokens, tool-call chunks merged into calls", async () => {
    server = await startSseServer((_body, i) =>
      i === 0
        ? [
            text("Let me "),
            text("measure."),
            delta({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "describe", arguments: "" } }] }),
            delta({ tool_calls: [{ index: 0, function: { arguments: '{"note":' } }] }),
            delta({ tool_calls: [{ index: 0, function: { arguments: ' "m"}' } }] }),
            { chunk: { choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] } },
          ]
        : [text("576 by "), text("1024")],
    );
    const chat = new ChatOpenAI({ model: "local-model", apiKey: "none", configuration: { baseURL: server.baseURL }, maxRetries: 0 });
    const { result, events } = await run(createGraphAgent({ graph: interleavedGraph(), model: langchainModel(chat), dialect: nativeDialect(), tools: [describeTool()] }), true);
    expect(server.bodies[0]?.stream).toBe(true);
    expect(tokensOf(events, 0)).toEqual(["Let me ", "measure."]);
    expect(result.steps[0]?.calls[0]).toMatchObject({ id: "call_a", name: "describe", arguments: { note: "m" } });
    expect(tokensOf(events, 1)).toEqual(["576 by ", "1024"]);
    expect(result.answer).toBe("576 by 1024");
  });
});

describe("scripted models stream too", () => {
  it("in pieces of chunkChars; the per-turn events are those of a run without tokens", async () => {
    const script = [call("describe", {}), answer("576 by 1024")];
    const plain = await run(createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [describeTool()], now: () => 0 }), false);
    const streamed = await run(createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script, { chunkChars: 5 }), dialect: r1v4Dialect(), tools: [describeTool()], now: () => 0 }), true);
    expect(tokensOf(streamed.events, 0).every((piece) => piece.length <= 5)).toBe(true);
    expect(tokensOf(streamed.events, 0).join("")).toBe(script[0]);
    const withoutIds = (events: AgentEvent[]) => events.filter((e) => e.type !== "token").map((e) => (e.type === "run_started" ? { ...e, threadId: "" } : e));
    expect(withoutIds(streamed.events)).toEqual(withoutIds(plain.events));
    expect(streamed.result.steps).toEqual(plain.result.steps);
  });
});

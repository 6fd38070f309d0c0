import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSseServer, text, type SseServer } from "./sse-server.js";

// docs/streaming.md, verbatim between the markers (checked below).
// doc:begin
import { createGraphAgent, openAICompatibleModel, r1v4Dialect, type RunResult } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";

export async function printTokens(baseURL: string, question: string, write: (text: string) => void): Promise<RunResult> {
  const model = openAICompatibleModel({ baseURL, model: "my-served-model", apiKey: "" });
  const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect() });
  const run = agent.stream({ question }, { tokens: true });
  for (let next = await run.next(); ; next = await run.next()) {
    if (next.done) return next.value;
    if (next.value.type === "token") write(next.value.text);
    if (next.value.type === "model_turn") write("\n");
  }
}
// doc:end

describe("docs/streaming.md", () => {
  let server: SseServer;
  const turn = "<think>Six times seven.</think><answer>42</answer>";
  beforeAll(async () => {
    server = await startSseServer(() => [text("<think>Six "), text("times seven.</think>"), text("<answer>42</answer>")]);
  });
  afterAll(async () => server.close());

  it("is the documented code", () => {
    const doc = readFileSync(new URL("../../../docs/streaming.md", import.meta.url), "utf8");
    const own = readFileSync(new URL(import.meta.url), "utf8");
    const code = /\/\/ doc:begin\n([\s\S]*?)\/\/ doc:end/.exec(own)?.[1];
    expect(code && doc.includes("```ts\n" + code + "```")).toBe(true);
  });

  it("prints each piece of the turn as the server streams it, then the answer", async () => {
    const written: string[] = [];
    const result = await printTokens(server.baseURL, "What is six times seven?", (t) => written.push(t));
    expect(written).toEqual(["<think>Six ", "times seven.</think>", "<answer>42</answer>", "\n"]);
    expect(written.join("")).toBe(`${turn}\n`);
    expect(result.answer).toBe("42");
  });
});

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scriptedModel } from "interleaf/testing";
import { httpPageFetcher as localFetcher } from "interleaf/search";
import { startScriptedServer, type ScriptedServer } from "../../search/scripted-server.js";

// docs/human-in-the-loop.md, verbatim between the markers (checked below).
// doc:begin
import { createGraphAgent, r1v4Dialect, type ModelBackend, type RunResult } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { approvalToolsNode, webVisitTool, type ApprovalAnswer, type ApprovalRequest } from "interleaf/nodes";
import { httpPageFetcher, type PageFetcher } from "interleaf/search";

export function visitingAgent(model: ModelBackend, fetcher: PageFetcher = httpPageFetcher()) {
  return createGraphAgent({
    graph: interleavedGraph({ tools: approvalToolsNode({ tools: ["web_visit"] }) }),
    model,
    dialect: r1v4Dialect(),
    tools: [webVisitTool({ fetcher })],
  });
}

export async function runWithApproval(
  agent: ReturnType<typeof visitingAgent>,
  question: string,
  approve: (request: ApprovalRequest) => Promise<ApprovalAnswer>,
): Promise<RunResult> {
  let result = await agent.run({ question });
  while (result.status === "interrupted" && result.interrupts?.length) {
    const request = result.interrupts[0]!.value as ApprovalRequest;
    result = await agent.resume(result.threadId, { resume: await approve(request) });
  }
  return result;
}
// doc:end

const visit = (url: string) => `<think>The page should say.</think>\n<tool_call>{"name": "web_visit", "arguments": {"urls": ["${url}"]}}</tool_call>`;
const answer = (text: string) => `<think>Done.</think>\n<answer>${text}</answer>`;

describe("docs/human-in-the-loop.md: approving each web visit", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
    server.route("/founded", () => ({ headers: { "content-type": "text/plain" }, body: "The shop was founded in 1911." }));
  });
  afterAll(async () => server.close());

  it("is the documented code", () => {
    const doc = readFileSync(new URL("../../../docs/human-in-the-loop.md", import.meta.url), "utf8");
    const own = readFileSync(new URL(import.meta.url), "utf8");
    const code = /\/\/ doc:begin\n([\s\S]*?)\/\/ doc:end/.exec(own)?.[1];
    expect(code && doc.includes("```ts\n" + code + "```")).toBe(true);
  });

  it("asks before the visit, runs it when approved, and the model reads the page", async () => {
    const model = scriptedModel((request, turn) => {
      if (turn === 0) return visit(`${server.url}/founded`);
      const seen = JSON.stringify(request.messages.at(-1)?.content);
      return answer(seen.includes("founded in 1911") ? "1911" : "unknown");
    });
    const agent = visitingAgent(model, localFetcher({ allow: [`127.0.0.1:${server.port}`] }));
    const asked: ApprovalRequest[] = [];
    const before = server.received.length;
    const result = await runWithApproval(agent, "When was the shop founded?", async (request) => {
      asked.push(request);
      expect(server.received.length).toBe(before); // nothing fetched before the answer
      return true;
    });
    expect(asked).toEqual([{ kind: "approve_tool_calls", step: 0, calls: [{ callId: "s0c0", name: "web_visit", arguments: { urls: [`${server.url}/founded`] } }] }]);
    expect([result.status, result.answer]).toEqual(["answered", "1911"]);
    expect(server.received.filter((r) => r.path === "/founded")).toHaveLength(1);
    expect(result.steps[0]?.calls[0]?.observation.error).toBeUndefined();
    await agent.close();
  });

  it("on a rejection the page is never fetched and the model reads why", async () => {
    const model = scriptedModel((request, turn) => {
      if (turn === 0) return visit(`${server.url}/founded`);
      const seen = JSON.stringify(request.messages.at(-1)?.content);
      return answer(seen.includes("did not approve") && seen.includes("private site") ? "I was not allowed to look" : "?");
    });
    const agent = visitingAgent(model, localFetcher({ allow: [`127.0.0.1:${server.port}`] }));
    const before = server.received.length;
    const result = await runWithApproval(agent, "When was the shop founded?", async () => ({ approve: false, reason: "private site" }));
    expect([result.status, result.answer]).toEqual(["answered", "I was not allowed to look"]);
    expect(server.received.length).toBe(before);
    expect(result.steps[0]?.calls[0]?.observation.error?.code).toBe("tool_failed");
    expect(result.counters.toolCalls).toBe(0);
    await agent.close();
  });
});

import { readFileSync } from "node:fs";
import type { ToolMessage} from "@langchain/core/messages";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { ToolNode, createReactAgent } from "@langchain/langgraph/prebuilt";
import { ChatOpenAI } from "@langchain/openai";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { defineTool, InterleafError, type AnyTool } from "interleaf";
import { toLangChainTool } from "interleaf/langchain";
import { zoomTool } from "interleaf/nodes";
import { MemoryImageStore } from "interleaf/storage";
import { ingestImage } from "interleaf/images";
import { z } from "zod";
import { startSseServer, type SseServer } from "../../executor/streaming/sse-server.js";

const photoBytes = new Uint8Array(readFileSync(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));
const zoomCall = (id: string) => new AIMessage({ content: "", tool_calls: [{ id, name: "zoom", args: { bbox_2d: [100, 300, 400, 700] }, type: "tool_call" }] });

let server: SseServer | undefined;
afterEach(async () => server?.close());

describe("an interleaf tool in LangGraph's prebuilt ToolNode", () => {
  it("as it is, fails with `tool.invoke is not a function` (the reported failure)", async () => {
    const node = new ToolNode([zoomTool as unknown as never]);
    const out = (await node.invoke({ messages: [zoomCall("c1")] }).catch((e: unknown) => e)) as { messages?: ToolMessage[] } | Error;
    const text = out instanceof Error ? out.message : String(out.messages?.[0]?.content);
    expect(text).toContain("invoke is not a function");
  });

  it("through toLangChainTool it runs for real: the observation's text, then the zoomed image as a base64 block", async () => {
    const images = new MemoryImageStore();
    const original = await ingestImage(images, photoBytes);
    const node = new ToolNode([toLangChainTool(zoomTool, { images, inputs: [original] })]);
    const { messages } = (await node.invoke({ messages: [zoomCall("c1")] })) as { messages: ToolMessage[] };
    const message = messages[0]!;
    expect([message.tool_call_id, message.name, message.status]).toEqual(["c1", "zoom", "success"]);
    const blocks = message.content as { type: string; text?: string; data?: string; mime_type?: string; source_type?: string }[];
    expect(blocks[0]?.type).toBe("text");
    expect(blocks[0]?.text).toMatch(/observation|zoom/i);
    expect(blocks[1]).toMatchObject({ type: "image", source_type: "base64" });
    const decoded = await sharp(Buffer.from(blocks[1]!.data!, "base64")).metadata();
    // The zoom of a 300×400 box is upscaled to R1V4's minimum side: both sides at least 448 px, aspect kept.
    expect(Math.min(decoded.width!, decoded.height!)).toBeGreaterThanOrEqual(448);
    expect(decoded.width! / decoded.height!).toBeCloseTo(300 / 400, 1);
  });

  it("invalid arguments and failures come back as error tool messages", async () => {
    const failing = defineTool({
      name: "flaky",
      description: "Always fails.",
      input: z.object({ n: z.number() }),
      async execute() {
        throw new InterleafError("tool_failed", "the sensor is offline");
      },
    });
    const node = new ToolNode([toLangChainTool(failing)]);
    const calls = [
      { id: "bad", name: "flaky", args: { n: "x" }, type: "tool_call" as const },
      { id: "ok", name: "flaky", args: { n: 1 }, type: "tool_call" as const },
    ];
    const { messages } = (await node.invoke({ messages: [new AIMessage({ content: "", tool_calls: calls })] })) as { messages: ToolMessage[] };
    expect(messages.map((m) => m.status)).toEqual(["error", "error"]);
    expect(String(messages[1]?.content)).toContain("the sensor is offline");
  });
});

describe("an interleaf tool in createReactAgent", () => {
  it("a ChatOpenAI agent (against a local server) calls it and reads its text and image", async () => {
    server = await startSseServer((_body, i) => ({
      json:
        i === 0
          ? { id: "r0", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: [{ id: "call_z", type: "function", function: { name: "zoom", arguments: '{"bbox_2d": [100, 300, 400, 700]}' } }] }, finish_reason: "tool_calls" }] }
          : { id: "r1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: "Two bottles." }, finish_reason: "stop" }] },
    }));
    const images = new MemoryImageStore();
    const original = await ingestImage(images, photoBytes);
    const llm = new ChatOpenAI({ model: "local", apiKey: "none", configuration: { baseURL: server.baseURL }, maxRetries: 0 });
    const agent = createReactAgent({ llm, tools: [toLangChainTool(zoomTool as AnyTool, { images, inputs: [original] })] });
    const { messages } = (await agent.invoke({ messages: [new HumanMessage("How many bottles?")] })) as { messages: BaseMessage[] };
    expect(messages.at(-1)?.content).toBe("Two bottles.");
    const offered = (server.bodies[0]?.tools as { function: { name: string; parameters: { properties: Record<string, unknown> } } }[])[0]!.function;
    expect(offered.name).toBe("zoom");
    expect(Object.keys(offered.parameters.properties)).toContain("bbox_2d");
    // The tool's answer reached the model: its text, and the image as a data URL.
    const second = JSON.stringify(server.bodies[1]?.messages);
    expect(second).toContain("call_z");
    expect(second).toMatch(/data:image\/(png|jpeg);base64,/);
  });
});

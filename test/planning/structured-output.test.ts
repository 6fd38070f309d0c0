import { afterEach, describe, expect, it } from "vitest";
import { ChatOpenAI } from "@langchain/openai";
import { readFile } from "node:fs/promises";
import { ToolRegistry } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { ingestImage } from "interleaf/images";
import { structuredOutputPlanner } from "../../src/planning/index.js";
import { completion, startChatServer, type ChatServer } from "../models/chat-server.js";
import { PAPER_PLAN, WEB, photo, searchWeb } from "./helpers.js";

let server: ChatServer | undefined;
afterEach(async () => server?.close());

describe("the structured-output planner", () => {
  it("holds a LangChain model to the plan schema, validates the result, and repairs once", async () => {
    const asStructured = (steps: typeof PAPER_PLAN) => JSON.stringify({ steps: steps.map((s) => ({ ...s, parameters: JSON.stringify(s.parameters) })) });
    const broken = [{ description: "Search [Landmark from Step 3]", tool_name: "text_search", parameters: { query: "[Landmark from Step 3] height" } }];
    server = await startChatServer((_request, index) => ({ json: completion(index === 0 ? asStructured(broken) : asStructured(PAPER_PLAN)) }));
    const chat = new ChatOpenAI({ model: "gpt-4.1-mini", apiKey: "sk-test", configuration: { baseURL: server.baseURL }, maxRetries: 0 });
    const images = new MemoryImageStore();
    const ref = await ingestImage(images, new Uint8Array(await readFile(photo)));
    const tools = new ToolRegistry(searchWeb(WEB));

    const plan = await structuredOutputPlanner(chat).plan({ question: "How tall is this tower?", images: [ref], tools, imageStore: images });
    expect(plan.planner).toBe("langchain:gpt-4.1-mini");
    expect(plan.attempts).toBe(2);
    expect(plan.steps[1]).toEqual({ description: PAPER_PLAN[1]?.description, tool_name: "text_search", parameters: { queries: ["[Landmark identified in Step 1] height"] } });
    expect(plan.dependencies.waves).toEqual([[1], [2, 3], [4], [5]]);

    const first = server.requests[0]?.body;
    expect(first.response_format.type).toBe("json_schema");
    expect(first.response_format.json_schema.name).toBe("plan");
    expect(JSON.stringify(first.response_format.json_schema.schema)).toContain('"enum":["none","text_search","image_search","web_visit"]');
    expect(JSON.stringify(first.messages[1].content)).toContain("data:image/jpeg;base64,");
    const repair = server.requests[1]?.body.messages.at(-1);
    expect(JSON.stringify(repair)).toContain("cites Step 3, but the plan has 1 step (1 to 1)");
  });
});

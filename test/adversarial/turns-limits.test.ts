import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { InterleafError, createGraphAgent, defineTool, nativeDialect, openStorage, r1v4Dialect, textProtocolDialect, type ImageRef } from "interleaf";
import { r1v4Options } from "../../src/dialects/r1v4-dialect.js";
import { textOf } from "../../src/models/messages.js";
import { ingestImage } from "interleaf/images";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { answer, call, describeTool } from "../executor/helpers.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "interleaf-turns-limits-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function folderBytes(path: string): number {
  return readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
}

describe("a huge turn cannot bloat the thread", () => {
  it("a 10 MB <think> is refused as malformed and leaves a small SQLite database", async () => {
    const dir = mkdtempSync(join(folder, "think-"));
    const huge = `<think>${"I keep thinking. ".repeat(620_000)}</think><answer>maybe</answer>`;
    expect(huge.length).toBeGreaterThan(10_000_000);
    const model = scriptedModel([huge, answer("a heron")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: await openStorage(join(dir, "threads.db")) });
    const result = await agent.run({ question: "What bird is it?" });
    await agent.close();
    expect(result.status).toBe("answered");
    expect(result.answer).toBe("a heron");
    const refused = result.steps[0];
    expect(refused?.kind).toBe("malformed");
    expect(refused?.problem).toContain("over the limit of 262,144 characters");
    expect(refused?.raw.length).toBeLessThan(3_000);
    // The model saw what happened to its turn.
    expect(textOf(model.calls[1]?.request.messages.at(-1)?.content ?? [])).toContain("over the limit of 262,144 characters");
    expect(folderBytes(dir)).toBeLessThan(2_000_000);
  });

  it("a turn just under the limit is read as usual", async () => {
    const long = `<think>${"a".repeat(250_000)}</think><answer>fine</answer>`;
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([long]), dialect: r1v4Dialect() });
    const result = await agent.run({ question: "?" });
    expect(result.answer).toBe("fine");
  });

  it("the turn limit is a budget that a run can change", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("x".repeat(200)), answer("short")]), dialect: r1v4Dialect() });
    const result = await agent.run({ question: "?", budgets: { maxTurnChars: 100 } });
    expect(result.steps[0]?.problem).toContain("over the limit of 100 characters");
    expect(result.answer).toBe("short");
  });

  it("native tool calls count toward the turn's size", async () => {
    const big = { id: "c1", name: "describe", arguments: { note: "n".repeat(300_000) } };
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([{ text: "", toolCalls: [big] }, "done"]), dialect: nativeDialect(), tools: [describeTool()] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.steps[0]?.kind).toBe("malformed");
    expect(result.steps[0]?.problem).toContain("over the limit");
    expect(result.counters.toolCalls).toBe(0);
  });
});

describe("one turn cannot ask for thousands of calls", () => {
  it("of 5,000 native calls, only the first 8 run, and the model is told", async () => {
    const log: string[] = [];
    const calls = Array.from({ length: 5_000 }, (_, i) => ({ id: `c${i}`, name: "describe", arguments: { note: String(i) } }));
    const model = scriptedModel([{ text: "", toolCalls: calls }, "done"]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: nativeDialect(), tools: [describeTool(log)], budgets: { maxToolCalls: 10_000 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(log).toHaveLength(8);
    expect(result.steps[0]?.calls.map((c) => c.id)).toEqual(["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
    expect(result.steps[0]?.note).toBe("Only the first 8 of the 5000 tool calls of that turn were run: make at most 8 tool calls per turn.");
    expect(result.counters.toolCalls).toBe(8);
    const lastResult = model.calls[1]?.request.messages.at(-1);
    expect(lastResult?.role).toBe("tool");
    expect(textOf(lastResult?.content ?? [])).toContain("Only the first 8 of the 5000 tool calls");
  });

  it("in R1V4's text protocol the turn is cut at its first action (the model ignored the stop sequence), with the note after the result", async () => {
    const log: string[] = [];
    const turn = `<think>all of them</think>${'<tool_call>{"name": "describe", "arguments": {}}</tool_call>'.repeat(1_000)}`;
    const model = scriptedModel([turn, answer("done")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [describeTool(log)], budgets: { maxToolCalls: 10_000, maxCallsPerTurn: 3 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(log).toHaveLength(1);
    expect(result.answer).toBe("done");
    expect(textOf(model.calls[1]?.request.messages.at(-1)?.content ?? [])).toMatch(/<\/observation>\nOnly the first action of that turn was run; the 999 actions written after it/);
  });

  it("a text dialect that allows several actions per turn still runs at most maxCallsPerTurn", async () => {
    const log: string[] = [];
    const turn = `<think>all of them</think>${'<tool_call>{"name": "describe", "arguments": {}}</tool_call>'.repeat(1_000)}`;
    const model = scriptedModel([turn, answer("done")]);
    const dialect = textProtocolDialect({ ...r1v4Options(), actionsPerTurn: 10_000 });
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect, tools: [describeTool(log)], budgets: { maxToolCalls: 10_000, maxCallsPerTurn: 3 } });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(log).toHaveLength(3);
    expect(result.steps[0]?.note).toBe("Only the first 3 of the 1000 tool calls of that turn were run: make at most 3 tool calls per turn.");
    expect(textOf(model.calls[1]?.request.messages.at(-1)?.content ?? [])).toMatch(/<\/observation>\nOnly the first 3 of the 1000 tool calls/);
  });

  it("5,000 unknown tools give one bounded problem, not a megabyte of them", async () => {
    const turn = `<think>t</think>${'<tool_call>{"name": "nope", "arguments": {}}</tool_call>'.repeat(4_000)}`;
    const dialect = textProtocolDialect({ ...r1v4Options(), actionsPerTurn: 10_000 });
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([turn, answer("ok")]), dialect, tools: [describeTool()] });
    const result = await agent.run({ question: "?" });
    expect(result.steps[0]?.kind).toBe("malformed");
    expect(result.steps[0]?.problem?.length).toBeLessThan(5_000);
    expect(result.steps[0]?.problem).toContain("more characters of problems not shown");
  });
});

describe("the question has a size limit", () => {
  it("a 10 MB question is refused before anything is stored, with the limit in the details", async () => {
    const model = scriptedModel([answer("x")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), newThreadId: () => "big-question" });
    const caught = await agent.run({ question: "Why? ".repeat(2_100_000) }).catch((error: unknown) => error);
    expect(InterleafError.isInstance(caught) && caught.code).toBe("invalid_argument");
    expect((caught as InterleafError).details).toEqual({ argument: "question", limit: 100_000, length: 10_500_000 });
    expect((caught as Error).message).toContain("over the limit of 100,000");
    expect(model.calls).toHaveLength(0);
    expect(await agent.state("big-question")).toBeUndefined();
  });

  it("a run may allow a longer question", async () => {
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel([answer("x")]), dialect: r1v4Dialect() });
    const result = await agent.run({ question: "q".repeat(150_000), budgets: { maxQuestionChars: 200_000 } });
    expect(result.answer).toBe("x");
  });
});

describe("a request carries a bounded number of images", () => {
  const tiles = defineTool({
    name: "tiles",
    description: "Cuts the image into many tiles.",
    input: z.object({ count: z.number().int() }),
    async execute({ count }, context) {
      const images: ImageRef[] = [];
      for (let i = 0; i < count; i++) {
        const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: i % 256, g: Math.floor(i / 256), b: 7 } } }).png().toBuffer();
        images.push(await ingestImage(context.images, bytes));
      }
      return { text: `${count} tiles`, images };
    },
  });

  it("after a call that made 300 images, the next request sends the original and the 15 most recent", async () => {
    const model = scriptedModel([call("tiles", { count: 300 }), answer("seen")]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), tools: [tiles] });
    const result = await agent.run({ question: "?", images: [photo] });
    expect(result.answer).toBe("seen");
    const parts = model.calls[1]?.request.messages.flatMap((message) => message.content) ?? [];
    const images = parts.filter((part) => part.type === "image");
    expect(images.map((part) => part.label)).toEqual(["original image", ...Array.from({ length: 15 }, (_, i) => `observation ${286 + i}`)]);
    const text = textOf(parts);
    expect(text).toContain("observation 1: (not sent again: a request carries at most 16 images");
    expect(text).toContain("observation 285: (not sent again)");
    expect(text.match(/not sent again/g)).toHaveLength(285);
  });
});

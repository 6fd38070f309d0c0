import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Dialect, DialectInput } from "../dialects/dialect.js";
import { CoordinateConventionSchema } from "../images/coordinates.js";
import { ImageGallery } from "../images/gallery.js";
import { contentId } from "../images/content-id.js";
import { IDENTITY_AFFINE, type ImageRef } from "../images/image-ref.js";
import { textOf } from "../models/messages.js";
import type { ModelResponse } from "../models/model-backend.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import { defineTool } from "../tools/tool.js";
import { ToolRegistry } from "../tools/tool-registry.js";

/** How the dialect's model writes turns, for {@link dialectConformance}. */
export interface DialectConformanceOptions {
  /** A model response calling `name` with `args` in this dialect. */
  toolCallTurn(name: string, args: Record<string, unknown>): ModelResponse;
  /** A model response answering `answer` in this dialect. */
  answerTurn(answer: string): ModelResponse;
}

const echo = defineTool({
  name: "echo_text",
  description: "Repeats the text it is given.",
  input: z.object({ text: z.string() }),
  example: { text: "hello" },
  async execute({ text }) {
    return { text: `echo: ${text}` };
  },
});

const model = { id: "conformance:model", startedAt: 0, durationMs: 0 };
const usage = { inputTokens: 0, outputTokens: 0 };
const GARBAGE = ["", "   ", "<", "</answer>", "<tool_call>{not json</tool_call>", "{\"name\": 1}", "<think>unclosed", "\u0000\u0001", "<answer><answer>x</answer>", "a".repeat(20_000)];

/**
 * The conformance suite every {@link Dialect} must pass (vitest): version and coordinates; a
 * first request that carries the question and the input image by reference (bytes are the
 * executor's job); the same input always builds the same request (cassettes match on it); a
 * tool call and an answer in the dialect's own format are understood; garbage, unknown tools
 * and bad arguments give `malformed` turns, never exceptions; history (tool calls,
 * observations, produced images) reaches the next request.
 *
 * @example
 * ```ts
 * import { r1v4Dialect } from "interleaf";
 * import { dialectConformance } from "interleaf/conformance";
 *
 * const usage = { inputTokens: 0, outputTokens: 0 };
 * dialectConformance("r1v4", () => r1v4Dialect(), {
 *   toolCallTurn: (name, args) => ({ text: `<think>Use it.</think><tool_call>${JSON.stringify({ name, arguments: args })}</tool_call>`, toolCalls: [], usage }),
 *   answerTurn: (answer) => ({ text: `<think>Done.</think><answer>${answer}</answer>`, toolCalls: [], usage }),
 * });
 * ```
 */
export function dialectConformance(name: string, factory: () => Dialect, options: DialectConformanceOptions): void {
  describe(`${name}: Dialect conformance`, () => {
    const tools = new ToolRegistry([echo]);
    const images = async (): Promise<{ original: ImageRef; produced: ImageRef }> => {
      const a = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: "red" } }).png().toBuffer());
      const b = new Uint8Array(await sharp({ create: { width: 32, height: 24, channels: 3, background: "green" } }).png().toBuffer());
      return { original: { id: contentId(a), mime: "image/png", width: 64, height: 48 }, produced: { id: contentId(b), mime: "image/png", width: 32, height: 24, parent: contentId(a), op: { name: "crop", params: {} }, origin: contentId(a), toOrigin: IDENTITY_AFFINE } };
    };
    const input = (original: ImageRef, steps: TrajectoryStep[] = [], produced: ImageRef[] = []): DialectInput => ({
      question: "What is written on the red sign?",
      images: [original],
      steps,
      tools,
      gallery: new ImageGallery([original], produced),
    });
    const allText = (request: ReturnType<Dialect["buildRequest"]>) => request.messages.map((m) => textOf(m.content)).join("\n");
    const imageIds = (request: ReturnType<Dialect["buildRequest"]>) => request.messages.flatMap((m) => m.content.flatMap((p) => (p.type === "image" ? [p.ref.id] : [])));

    it("declares specification version v1, a name and a coordinate convention", () => {
      const dialect = factory();
      expect(dialect.specificationVersion).toBe("v1");
      expect(dialect.name.length).toBeGreaterThan(0);
      expect(CoordinateConventionSchema.safeParse(dialect.coordinates).success).toBe(true);
    });

    it("builds a first request with the question and the input image by reference", async () => {
      const { original } = await images();
      const request = factory().buildRequest(input(original));
      expect(request.messages.length).toBeGreaterThan(0);
      expect(allText(request)).toContain("What is written on the red sign?");
      expect(imageIds(request)).toContain(original.id);
      for (const message of request.messages) for (const part of message.content) if (part.type === "image") expect(part.data, "dialects send refs; the executor adds bytes").toBeUndefined();
      expect(request.messages.at(-1)?.role, "the model speaks next").not.toBe("assistant");
    });

    it("builds the same request from the same input (cassettes match requests exactly)", async () => {
      const { original } = await images();
      expect(factory().buildRequest(input(original))).toEqual(factory().buildRequest(input(original)));
    });

    it("understands a tool call written in its format", () => {
      const turn = factory().parseTurn(options.toolCallTurn("echo_text", { text: "hi there" }), tools);
      expect(turn.kind, turn.kind === "malformed" ? turn.problem : "").toBe("tool_calls");
      if (turn.kind !== "tool_calls") return;
      expect(turn.calls).toHaveLength(1);
      expect(turn.calls[0]?.name).toBe("echo_text");
      expect(turn.calls[0]?.arguments).toEqual({ text: "hi there" });
    });

    it("understands an answer written in its format", () => {
      const turn = factory().parseTurn(options.answerTurn("a blue door"), tools);
      expect(turn.kind, turn.kind === "malformed" ? turn.problem : "").toBe("answer");
      if (turn.kind === "answer") expect(turn.answer.trim()).toBe("a blue door");
    });

    it("turns garbage and unknown tools into malformed turns with a problem, never exceptions", () => {
      const dialect = factory();
      for (const text of GARBAGE) {
        const turn = dialect.parseTurn({ text, toolCalls: [], usage }, tools);
        expect(["malformed", "answer", "tool_calls"]).toContain(turn.kind);
        if (turn.kind === "malformed") expect(turn.problem.length).toBeGreaterThan(0);
      }
      const unknown = dialect.parseTurn(options.toolCallTurn("no_such_tool", { x: 1 }), tools);
      expect(unknown.kind).toBe("malformed");
      const native = dialect.parseTurn({ text: "", toolCalls: [{ id: "c1", name: "no_such_tool", arguments: "{" }], usage }, tools);
      expect(["malformed", "tool_calls"]).toContain(native.kind);
    });

    it("carries history into the next request: the call, its observation and produced images", async () => {
      const { original, produced } = await images();
      const call = options.toolCallTurn("echo_text", { text: "hi there" });
      const step: TrajectoryStep = {
        index: 0,
        kind: "tool_calls",
        thought: "I will echo.",
        raw: call.text,
        calls: [{ id: call.toolCalls[0]?.id ?? "s0c0", name: "echo_text", arguments: { text: "hi there" }, observation: { text: "echo: hi there (observation marker 7731)", images: [produced] }, startedAt: 0, durationMs: 0 }],
        usage,
        model,
      };
      const first = factory().buildRequest(input(original));
      const second = factory().buildRequest(input(original, [step], [produced]));
      expect(second.messages.length).toBeGreaterThan(first.messages.length);
      expect(allText(second)).toContain("observation marker 7731");
      expect(imageIds(second)).toContain(produced.id);
      expect(second.messages.at(-1)?.role, "the model speaks next").not.toBe("assistant");
    });
  });
}

import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InterleafError, isAbortError } from "../errors/index.js";
import { contentId } from "../images/content-id.js";
import type { ModelMessage } from "../models/messages.js";
import type { ModelBackend, ModelRequest } from "../models/model-backend.js";

/** Options for {@link modelBackendConformance}. */
export interface ModelBackendConformanceOptions {
  /** Also send an image part (default true). */
  images?: boolean;
  /** Also offer a native tool (default true). */
  tools?: boolean;
  /** Called after each test with the backend: close servers, connections. */
  dispose?: (backend: ModelBackend) => void | Promise<void>;
}

const conversation: ModelMessage[] = [
  { role: "system", content: [{ type: "text", text: "You answer in one word." }] },
  { role: "user", content: [{ type: "text", text: "What colour is the sky on a clear day?" }] },
];

/**
 * The conformance suite every {@link ModelBackend} must pass (vitest): version and identity,
 * a text request answered with text, tool calls and token usage, image parts and native tools
 * accepted, an aborted call rejected, the request left unmodified, a JSON-serialisable response
 * (cassettes and checkpoints store it). The factory's backend must answer any request (a
 * scripted model given a function, a local server, a cassette in replay).
 *
 * @example
 * ```ts
 * import { modelBackendConformance } from "interleaf/conformance";
 * import { scriptedModel } from "interleaf/testing";
 *
 * modelBackendConformance("scripted", () => scriptedModel(() => "<think>.</think><answer>blue</answer>"));
 * ```
 */
export function modelBackendConformance(name: string, factory: () => ModelBackend | Promise<ModelBackend>, options: ModelBackendConformanceOptions = {}): void {
  describe(`${name}: ModelBackend conformance`, () => {
    let backend: ModelBackend;
    beforeEach(async () => {
      backend = await factory();
    });
    afterEach(async () => {
      await options.dispose?.(backend);
    });

    it("declares specification version v1, a provider and a model id", () => {
      expect(backend.specificationVersion).toBe("v1");
      expect(typeof backend.provider).toBe("string");
      expect(backend.provider.length).toBeGreaterThan(0);
      expect(typeof backend.modelId).toBe("string");
      expect(backend.modelId.length).toBeGreaterThan(0);
    });

    it("answers a text request with text, tool calls and token usage", async () => {
      const response = await backend.generate({ messages: structuredClone(conversation) });
      expect(typeof response.text).toBe("string");
      expect(Array.isArray(response.toolCalls)).toBe(true);
      for (const call of response.toolCalls) {
        expect(typeof call.id).toBe("string");
        expect(typeof call.name).toBe("string");
      }
      expect(Number.isInteger(response.usage.inputTokens) && response.usage.inputTokens >= 0).toBe(true);
      expect(Number.isInteger(response.usage.outputTokens) && response.usage.outputTokens >= 0).toBe(true);
      if (response.finishReason !== undefined) expect(typeof response.finishReason).toBe("string");
    });

    it("returns a JSON-serialisable response (checkpoints and cassettes store it)", async () => {
      const response = await backend.generate({ messages: structuredClone(conversation) });
      expect(JSON.parse(JSON.stringify(response))).toEqual(response);
    });

    it("leaves the request unmodified", async () => {
      const request: ModelRequest = { messages: structuredClone(conversation), stop: ["</tool_call>"], temperature: 0.2, maxTokens: 64 };
      const before = structuredClone(request);
      await backend.generate(request);
      expect(request).toEqual(before);
    });

    it("rejects a call whose signal is already aborted", async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await backend.generate({ messages: structuredClone(conversation), signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, "an aborted call must reject").toBeDefined();
      expect((InterleafError.isInstance(error) && error.code === "aborted") || isAbortError(error)).toBe(true);
    });

    if (options.images ?? true) {
      it("accepts image parts with their bytes, as the executor sends them", async () => {
        const png = new Uint8Array(await sharp({ create: { width: 8, height: 6, channels: 3, background: "blue" } }).png().toBuffer());
        const ref = { id: contentId(png), mime: "image/png", width: 8, height: 6 };
        const response = await backend.generate({
          messages: [
            { role: "user", content: [{ type: "image", ref, data: png, mime: "image/png", label: "original image" }, { type: "text", text: "What colour is this image?" }] },
          ],
        });
        expect(typeof response.text).toBe("string");
      });
    }

    if (options.tools ?? true) {
      it("accepts native tool specs and only calls offered tools", async () => {
        const response = await backend.generate({
          messages: structuredClone(conversation),
          tools: [{ name: "look_up", description: "Looks a word up.", parameters: { type: "object", properties: { word: { type: "string" } }, required: ["word"] } }],
        });
        for (const call of response.toolCalls) expect(call.name).toBe("look_up");
      });
    }
  });
}

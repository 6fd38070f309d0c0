import { describe, expect, it } from "vitest";
import { contentId } from "../images/content-id.js";
import type { ImageRef } from "../images/image-ref.js";
import { ingestImage } from "../images/ingest.js";
import { MemoryImageStore } from "../images/memory-image-store.js";
import type { AnyTool } from "../tools/tool.js";
import { createToolContext } from "../tools/tool-context.js";
import { ToolRegistry } from "../tools/tool-registry.js";

/** One call the suite makes, with an optional check of its output. */
export interface ToolConformanceCase {
  input: unknown;
  /** Extra checks on what came back. */
  check?: (output: { text: string; images: ImageRef[]; data?: unknown }) => void | Promise<void>;
}

/** Options for {@link toolConformance}. */
export interface ToolConformanceOptions {
  /** Calls that must succeed (default: the tool's `example`, when it has one). */
  cases?: readonly ToolConformanceCase[];
  /** Inputs the schema must refuse. */
  invalidInputs?: readonly unknown[];
  /** Encoded input images put in the gallery ("original image", "image 2", ...). */
  images?: readonly Uint8Array[];
  /** The run's question, for tools that use it. */
  question?: string;
  /** Timeout of each case in ms (default 30 000). */
  timeoutMs?: number;
}

/**
 * The conformance suite every tool must pass (vitest): a snake_case name and a description; an
 * input schema that converts to JSON Schema for native tool calling and accepts its own
 * example; valid calls return text, JSON-serialisable data, and images that are in the store
 * under the sha256 of their bytes with their real size (provenance pointing at a known image);
 * invalid inputs are refused by the schema, before `execute`.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { defineTool } from "interleaf";
 * import { toolConformance } from "interleaf/conformance";
 *
 * const shout = defineTool({ name: "shout", description: "Upper-cases text.", input: z.object({ text: z.string() }), example: { text: "hi" }, async execute({ text }) { return { text: text.toUpperCase() }; } });
 * toolConformance("shout", () => shout, { invalidInputs: [{ text: 1 }] });
 * ```
 */
export function toolConformance(name: string, factory: () => AnyTool | Promise<AnyTool>, options: ToolConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 30_000;
  describe(`${name}: Tool conformance`, () => {
    it("has a snake_case name, a description and a zod input schema", async () => {
      const tool = await factory();
      expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(tool.description.trim().length).toBeGreaterThan(0);
      expect(typeof tool.input.safeParse).toBe("function");
    });

    it("describes its input as a JSON Schema object (native tool calling)", async () => {
      const spec = new ToolRegistry([await factory()]).specs()[0];
      expect(spec?.parameters.type).toBe("object");
      expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    });

    it("accepts its own example", async () => {
      const tool = await factory();
      if (tool.example === undefined) return;
      const parsed = tool.input.safeParse(tool.example);
      expect(parsed.success, parsed.success ? "" : String(parsed.error)).toBe(true);
    });

    if ((options.invalidInputs ?? []).length > 0) {
      it("refuses invalid inputs in its schema", async () => {
        const tool = await factory();
        for (const input of options.invalidInputs ?? []) expect(tool.input.safeParse(input).success, `accepted ${JSON.stringify(input)}`).toBe(false);
      });
    }

    it(
      "returns text, JSON-serialisable data and stored images with their real size and provenance",
      async () => {
        const tool = await factory();
        const cases = options.cases ?? (tool.example !== undefined ? [{ input: tool.example }] : []);
        const store = new MemoryImageStore();
        const inputs: ImageRef[] = [];
        for (const bytes of options.images ?? []) inputs.push(await ingestImage(store, bytes));
        const known = new Set(inputs.map((ref) => ref.id));
        for (const [i, c] of cases.entries()) {
          const parsed = tool.input.safeParse(c.input);
          expect(parsed.success, `case ${i}: the schema refused ${JSON.stringify(c.input)}`).toBe(true);
          const output = await tool.execute(parsed.data, createToolContext({ images: store, inputs, question: options.question ?? "What is in the image?", callId: `conformance-${i}` }));
          expect(typeof output.text).toBe("string");
          if (output.data !== undefined) expect(JSON.parse(JSON.stringify(output.data))).toEqual(output.data);
          for (const ref of output.images ?? []) {
            expect(await store.has(ref.id), `image ${ref.id} is not in the store`).toBe(true);
            const { bytes } = await store.get(ref.id);
            expect(contentId(bytes)).toBe(ref.id);
            expect(Number.isInteger(ref.width) && ref.width > 0 && Number.isInteger(ref.height) && ref.height > 0).toBe(true);
            if (ref.parent !== undefined) expect(known.has(ref.parent), `image ${ref.id} names an unknown parent ${ref.parent}`).toBe(true);
            known.add(ref.id);
          }
          await c.check?.({ text: output.text, images: output.images ?? [], ...(output.data !== undefined ? { data: output.data } : {}) });
        }
      },
      timeout,
    );
  });
}

import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createGraphAgent, type ModelMessage } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { DEFAULT_MODEL_IMAGE_SIZING, modelInputSize } from "interleaf/images";
import { visualTools } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";
import { deepeyesDialect } from "../../../src/dialects/presets/deepeyes-dialect.js";
import { goldenAsSeen, readGolden, type GoldenPart } from "./golden-requests.js";

const sizing = { ...DEFAULT_MODEL_IMAGE_SIZING, maxPixels: 16384 * 28 * 28 };
const photo = fileURLToPath(new URL("../../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

/** A request a backend received, as the model sees it (texts joined, images at the processor's size). */
function asSeen(messages: readonly ModelMessage[]): { role: string; content: GoldenPart[] }[] {
  return goldenAsSeen(
    {
      sampling: {},
      messages: messages.map((message) => ({
        role: message.role,
        content: message.content.map((part): GoldenPart => {
          if (part.type === "text") return part;
          if (!part.sentSize) throw new Error("the backend got an image without its bytes");
          return { type: "image", ...part.sentSize };
        }),
      })),
    },
    sizing,
  );
}

describe("DeepEyes through the real agent: what the backend receives equals what eval_vstar.py sends", async () => {
  const golden = await readGolden("deepeyes");
  const options = golden.options as string[];
  const question = `Question: ${golden.question}\nOptions: \n${options.map((option, i) => `${"ABCDEF".charAt(i)}. ${option}\n`).join("")}\n`;

  it("runs the real zoom (as a plain crop, as the loop crops) and sends the golden requests with the loop's sampling", async () => {
    const model = scriptedModel(golden.script);
    // The loop crops without enlarging: a zoom floor of 1 px makes interleaf's zoom a plain crop.
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: deepeyesDialect(), tools: visualTools({ only: ["zoom"], zoomShortSide: 1 }), sizing });
    const result = await agent.run({ question, images: [photo] });
    expect(result.answer).toBe(golden.answer);
    expect(model.calls).toHaveLength(golden.requests.length);
    for (const [turn, expected] of golden.requests.entries()) {
      const request = model.calls[turn]!.request;
      expect(asSeen(request.messages)).toEqual(goldenAsSeen(expected, sizing));
      expect({ temperature: request.temperature, max_tokens: request.maxTokens, stop: request.stop }).toEqual(expected.sampling);
    }
    // The crop the loop made, 320×400, is what the real tool produced.
    expect(result.steps[0]?.calls[0]?.observation.images[0]).toMatchObject({ width: 320, height: 400 });
    expect(modelInputSize(320, 400, sizing)).toMatchObject({ width: 308, height: 392 });
  });
});

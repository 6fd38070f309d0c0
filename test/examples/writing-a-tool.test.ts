import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { toolConformance } from "interleaf/conformance";

// docs/writing-a-tool.md, verbatim between the markers (checked below), run through the docs' own conformance suite.
// doc:begin
import { z } from "zod";
import { defineTool, InterleafError } from "interleaf";

export const countPixels = defineTool({
  name: "count_pixels",
  description: "Counts the pixels of an image the model names (default: the original).",
  input: z.object({ image: z.string().optional() }),
  example: { image: "original image" },
  async execute({ image }, context) {
    const ref = context.gallery.resolve(image); // "original image", "observation 3", an id prefix…
    if (ref.width * ref.height === 0) throw new InterleafError("invalid_image", "the image is empty");
    return { text: `${ref.width * ref.height} pixels`, data: { pixels: ref.width * ref.height } };
  },
});
// doc:end

const photoBytes = new Uint8Array(readFileSync(new URL("../fixtures/images/vending_machine.jpg", import.meta.url)));

describe("docs/writing-a-tool.md", () => {
  it("shows the code this test runs", () => {
    const doc = readFileSync(new URL("../../docs/writing-a-tool.md", import.meta.url), "utf8");
    const own = readFileSync(new URL(import.meta.url), "utf8");
    const [tool, suite] = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((block) => block[1]);
    expect(/\/\/ doc:begin\n([\s\S]*?)\/\/ doc:end/.exec(own)?.[1]).toBe(tool);
    expect(suite && own.includes(suite)).toBe(true);
  });
});

toolConformance("count_pixels", () => countPixels, { images: [photoBytes], invalidInputs: [{ image: 3 }] });

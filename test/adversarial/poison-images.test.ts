// Images made by tools from untrusted input (model-written code, web pages) and images a run already
// holds: none may break later turns, and none may make a request cost gigabytes.
import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createGraphAgent, r1v4Dialect, type ImageRef, type ToolOutput } from "interleaf";
import { createToolContext } from "interleaf/testing";
import { MemoryImageStore } from "interleaf/storage";
import { interleavedGraph } from "interleaf/graphs";
import { resizeTool, rotateTool, codeTool } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";
import { createLocalSandbox } from "../../src/sandbox/index.js";
import { ingestImage } from "../../src/images/ingest.js";
import { prepareModelImage } from "../../src/images/prepare-model-image.js";
import { DEFAULT_MAX_PRODUCED_PIXELS } from "../../src/images/ingest-tool-image.js";

const photo = readFileSync(new URL("../fixtures/images/vending_machine.jpg", import.meta.url));

async function storeWith(bytes: Uint8Array) {
  const store = new MemoryImageStore();
  return { store, original: await ingestImage(store, bytes) };
}

describe("images made by model-written code", () => {
  const code = codeTool({ sandbox: createLocalSandbox({ limits: { wallMs: 60_000 } }) });
  const run = async (source: string): Promise<{ output: ToolOutput; store: MemoryImageStore; original: ImageRef }> => {
    const { store, original } = await storeWith(await sharp({ create: { width: 320, height: 240, channels: 3, background: "#336699" } }).png().toBuffer());
    const output = await code.execute(code.input.parse({ code: source }), createToolContext({ images: store, inputs: [original] }));
    return { output, store, original };
  };

  it("a truncated PNG and a JPEG whose header lies are refused at ingest, with a note the model reads", async () => {
    const { output } = await run(
      [
        "import io",
        "from PIL import Image",
        "buf = io.BytesIO(); Image.open(image_path).save(buf, 'PNG'); data = buf.getvalue()",
        "open('/mnt/data/temp_processed_images/cut.png', 'wb').write(data[: len(data) // 2])",
        "buf = io.BytesIO(); Image.open(image_path).convert('RGB').save(buf, 'JPEG'); jpg = bytearray(buf.getvalue())",
        "i = jpg.index(b'\\xff\\xc0'); jpg[i + 5:i + 9] = (8000).to_bytes(2, 'big') * 2  # SOF0 height and width",
        "open('/mnt/data/temp_processed_images/lies.jpg', 'wb').write(bytes(jpg))",
        "print('saved')",
      ].join("\n"),
    );
    expect(output.images ?? []).toHaveLength(0);
    expect(output.text).toMatch(/cut\.png/);
    expect(output.text).toMatch(/lies\.jpg/);
  });

  it("a 10000×10000 PNG is downscaled to the produced-image limit when it is stored", async () => {
    const { output, store } = await run(
      ["from PIL import Image", "Image.new('L', (10000, 10000), 128).save('/mnt/data/temp_processed_images/huge.png')", "print('saved')"].join("\n"),
    );
    expect(output.images).toHaveLength(1);
    const [ref] = output.images as ImageRef[];
    expect(ref!.width * ref!.height).toBeLessThanOrEqual(DEFAULT_MAX_PRODUCED_PIXELS);
    expect(ref!.width).toBe(ref!.height);
    // And the next request can prepare it.
    const sent = await prepareModelImage(store, ref!);
    expect(sent.width * sent.height).toBeLessThanOrEqual(1280 * 28 * 28);
  });
});

describe("images made by visual operations", () => {
  it("resize to 8192×8192 then rotate 45° stays within the limit and the result can be sent to a model", { timeout: 180_000 }, async () => {
    const { store, original } = await storeWith(photo);
    const big = await resizeTool.execute(resizeTool.input.parse({ width: 8192, height: 8192 }), createToolContext({ images: store, inputs: [original] }));
    const [resized] = big.images as ImageRef[];
    expect(resized!.width * resized!.height).toBeLessThanOrEqual(DEFAULT_MAX_PRODUCED_PIXELS);
    expect(big.text).toMatch(/downscaled to/);
    const turned = await rotateTool.execute(
      rotateTool.input.parse({ image: "observation 1", angle: 45 }),
      createToolContext({ images: store, inputs: [original], produced: [resized!] }),
    );
    const [rotated] = turned.images as ImageRef[];
    expect(rotated!.width * rotated!.height).toBeLessThanOrEqual(DEFAULT_MAX_PRODUCED_PIXELS);
    // Provenance survives the downscale: the rotated image's centre maps to the original's centre.
    const [a, b, c, d, e, f] = rotated!.toOrigin!;
    const cx = rotated!.width / 2;
    const cy = rotated!.height / 2;
    expect(a * cx + b * cy + c).toBeCloseTo(original.width / 2, -1);
    expect(d * cx + e * cy + f).toBeCloseTo(original.height / 2, -1);
    await expect(prepareModelImage(store, rotated!)).resolves.toMatchObject({ mime: expect.any(String) });
  });
});

describe("an image that cannot be prepared for a request", () => {
  it("becomes a note the model reads; the run goes on and answers", async () => {
    const truncated = photo.subarray(0, Math.floor(photo.length / 3));
    const model = scriptedModel(["<think>The image is damaged; I answer from the question.</think>\n<answer>unknown</answer>"]);
    const agent = createGraphAgent({ graph: interleavedGraph(), model, dialect: r1v4Dialect(), storage: "memory" });
    const result = await agent.run({ question: "What is in the picture?", images: [new Uint8Array(truncated)] });
    expect(result.status).toBe("answered");
    const sent = model.calls[0]!.request.messages.flatMap((m) => m.content);
    expect(sent.some((part) => part.type === "image")).toBe(false);
    expect(sent.some((part) => part.type === "text" && /cannot be shown/.test(part.text))).toBe(true);
  });
});

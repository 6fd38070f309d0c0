import { describe, expect, it } from "vitest";
import { InterleafError } from "../../src/errors/index.js";
import { cropTool, visualTools } from "../../nodes/visual/index.js";
import { PHOTOS, VisualSession, fixture, meanAbsDiff, sharpExtract } from "./helpers.js";

function boxesFor(width: number, height: number): Array<[number, number, number, number]> {
  return [
    [0, 0, Math.round(width / 3), Math.round(height / 4)],
    [Math.round(width / 2) - 50, Math.round(height / 2) - 40, Math.round(width / 2) + 77, Math.round(height / 2) + 61],
    [width - 200, height - 150, width, height],
  ];
}

describe("crop", () => {
  for (const photo of PHOTOS) {
    it(`is pixel-exact against sharp's extract on ${photo.name}`, async () => {
      const session = new VisualSession({ encoding: "png" });
      const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
      const bytes = fixture(photo.name);
      const input = await session.addInput(bytes);
      expect([input.width, input.height]).toEqual([photo.width, photo.height]);
      for (const box of boxesFor(photo.width, photo.height)) {
        const out = await session.run(crop!, { bbox_2d: box });
        const ref = out.images![0]!;
        expect([ref.width, ref.height]).toEqual([box[2] - box[0], box[3] - box[1]]);
        const mine = await session.pixels(ref);
        expect(mine.channels).toBe(3);
        expect(Buffer.compare(mine.data, await sharpExtract(bytes, box))).toBe(0);
        expect(ref.toOrigin).toEqual([1, 0, box[0], 0, 1, box[1]]);
        expect(ref.parent).toBe(input.id);
        expect(ref.op).toEqual({ name: "crop", params: { box } });
      }
    });
  }

  it("stores photos as JPEG under the auto policy, close to the exact pixels", async () => {
    const session = new VisualSession();
    const bytes = fixture("vending_machine.jpg");
    await session.addInput(bytes);
    const box: [number, number, number, number] = [600, 300, 1000, 700];
    const out = await session.run(cropTool, { bbox_2d: box });
    const ref = out.images![0]!;
    expect(ref.mime).toBe("image/jpeg");
    expect(meanAbsDiff((await session.pixels(ref)).data, await sharpExtract(bytes, box))).toBeLessThan(3);
  });

  it("clamps boxes that leave the image and says so", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("r1v4_demo_5.jpg"));
    const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
    const out = await session.run(crop!, { bbox_2d: [-40, 900, 300, 1200] });
    expect([out.images![0]!.width, out.images![0]!.height]).toEqual([300, 124]);
    expect(out.text).toContain("clamped to [0, 900, 300, 1024]");
    expect((out.data as { notes: string[] }).notes).toHaveLength(1);
  });

  it("rejects empty, inverted and outside boxes with an actionable error", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("r1v4_demo_5.jpg"));
    const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
    for (const [bbox, words] of [
      [[300, 300, 100, 400], "empty or inverted"],
      [[100, 100, 100, 400], "empty or inverted"],
      [[700, 100, 900, 200], "entirely outside"],
    ] as const) {
      const error = await session.run(crop!, { bbox_2d: bbox }).catch((e: unknown) => e);
      expect(InterleafError.isInstance(error)).toBe(true);
      expect((error as InterleafError).code).toBe("invalid_argument");
      expect((error as InterleafError).message).toContain(words);
    }
  });

  it("enlarges small crops around their centre to the configured minimum (DeepEyes 28, Thyme 64)", async () => {
    for (const minCropSize of [28, 64]) {
      const session = new VisualSession({ encoding: "png" });
      const bytes = fixture("r1v4_demo_2.jpg");
      await session.addInput(bytes);
      const [crop] = visualTools({ engine: session.engine, minCropSize, only: ["crop"] });
      const out = await session.run(crop!, { bbox_2d: [1000, 500, 1010, 505] });
      const ref = out.images![0]!;
      expect([ref.width, ref.height]).toEqual([minCropSize, minCropSize]);
      const x1 = Math.round(1005 - minCropSize / 2);
      const y1 = Math.round(502.5 - minCropSize / 2);
      expect(ref.toOrigin).toEqual([1, 0, x1, 0, 1, y1]);
      expect(out.text).toContain(`minimum of ${minCropSize} px`);
      // At the border the enlarged box shifts back inside the image.
      const edge = await session.run(crop!, { bbox_2d: [2555, 1595, 2560, 1600] });
      expect(edge.images![0]!.toOrigin).toEqual([1, 0, 2560 - minCropSize, 0, 1, 1600 - minCropSize]);
    }
  });

  it("accepts normalised and 0–1000 boxes as a setting of the dialect", async () => {
    const ids: string[] = [];
    for (const [coordinates, box] of [
      ["pixels", [640, 400, 1280, 800]],
      ["normalized", [0.25, 0.25, 0.5, 0.5]],
      ["qwen1000", [250, 250, 500, 500]],
    ] as const) {
      const session = new VisualSession();
      session.coordinates = coordinates;
      await session.addInput(fixture("r1v4_demo_2.jpg"));
      const out = await session.run(cropTool, { bbox_2d: box });
      ids.push(out.images![0]!.id);
      if (coordinates === "qwen1000") expect(out.text).toContain("[250, 250, 500, 500] in your coordinates");
    }
    expect(new Set(ids).size).toBe(1);
  });

  it("addresses produced images as observations and reports boxes in original-image pixels", async () => {
    const session = new VisualSession({ encoding: "png" });
    const bytes = fixture("animate_glass.jpg");
    await session.addInput(bytes);
    const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
    await session.run(crop!, { bbox_2d: [400, 100, 1400, 700] });
    const second = await session.run(crop!, { bbox_2d: [100, 50, 300, 250], image: "observation 1" });
    const ref = second.images![0]!;
    expect(ref.toOrigin).toEqual([1, 0, 500, 0, 1, 150]);
    expect(ref.origin).toBe(session.inputs[0]!.id);
    expect(second.text).toContain("original image pixels it covers [500, 150, 700, 350]");
    expect(Buffer.compare((await session.pixels(ref)).data, await sharpExtract(bytes, [500, 150, 700, 350]))).toBe(0);
    const unknown = await session.run(crop!, { bbox_2d: [0, 0, 10, 10], image: "observation 9" }).catch((e: unknown) => e);
    expect((unknown as InterleafError).code).toBe("image_not_found");
  });

  it("decodes a large photo once for many crops (raster cache)", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("blackmug.JPG"));
    const [crop] = visualTools({ engine: session.engine, only: ["crop"] });
    for (let i = 0; i < 6; i++) await session.run(crop!, { bbox_2d: [i * 500, i * 300, i * 500 + 400, i * 300 + 300] });
    expect(session.engine.stats().decodes).toBe(1);
    expect(session.engine.stats().cache.hits).toBe(5);
  });
});

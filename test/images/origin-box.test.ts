import { describe, expect, it } from "vitest";
import { mapBox, originBox } from "interleaf/images";
import { fileExtensionFor } from "../../src/images/image-format.js";
import { VisualSession, fixture } from "../visual/helpers.js";

describe("originBox: the box an image covers in its origin, one rule for nodes and CLI", () => {
  it("is the whole image for an input image", async () => {
    const session = new VisualSession();
    const input = await session.addInput(fixture("nba.png"));
    expect(originBox(input)).toEqual([0, 0, 1119, 840]);
  });

  it("gives a zoom's box as requested, the same box the model is told", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("vending_machine.jpg"));
    const out = await session.run(session.tool("zoom"), { bbox_2d: [1250, 1030, 1360, 1070] });
    const ref = out.images![0]!;
    expect(originBox(ref)).toEqual([1250, 1030, 1360, 1070]);
    expect(out.text).toContain("pixels it covers [1250, 1030, 1360, 1070]");
  });

  it("rounds the enclosing box of a rotated image to 0.1 px, not to whole pixels, as the model is told", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("nba.png"));
    const out = await session.run(session.tool("rotate"), { angle: 30 });
    const ref = out.images![0]!;
    const box = originBox(ref)!;
    const exact = mapBox(ref.toOrigin!, [0, 0, ref.width, ref.height]);
    box.forEach((v, i) => expect(v).toBeCloseTo(exact[i]!, 1));
    expect(box.map((v) => Math.round(v * 10) / 10)).toEqual(box);
    expect(box.some((v) => !Number.isInteger(v))).toBe(true);
    expect(out.text).toContain(`its enclosing box in [${box.join(", ")}]`);
  });

  it("is undefined for an image derived without geometry", () => {
    expect(originBox({ id: "c", mime: "image/png", width: 10, height: 10, parent: "p", op: { name: "code", params: {} } })).toBeUndefined();
  });
});

describe("fileExtensionFor: one MIME → extension table", () => {
  it("names jpg for JPEG, the format for the others read, bin for the unknown", () => {
    expect(["image/jpeg", "image/png", "image/webp", "image/tiff", "image/heif", "application/pdf"].map(fileExtensionFor)).toEqual(["jpg", "png", "webp", "tiff", "heif", "bin"]);
  });
});

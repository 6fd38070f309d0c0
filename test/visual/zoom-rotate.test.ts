import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { applyAffine } from "../../src/images/affine-map.js";
import { visualTools } from "../../nodes/visual/index.js";
import { rotationGeometry } from "../../nodes/visual/rotate.js";
import { VisualSession, fixture, sharpExtract } from "./helpers.js";

describe("zoom", () => {
  it("crops then upscales with Lanczos-3 so the short side reaches the floor, exactly like sharp", async () => {
    const session = new VisualSession({ encoding: "png" });
    const bytes = fixture("vending_machine.jpg");
    await session.addInput(bytes);
    const [zoom] = visualTools({ engine: session.engine, only: ["zoom"] });
    const box: [number, number, number, number] = [1250, 1030, 1360, 1070];
    const out = await session.run(zoom!, { bbox_2d: box, label: "price tag" });
    const ref = out.images![0]!;
    // 110×40, short side 40 → ×11.2 → 1232×448
    expect([ref.width, ref.height]).toEqual([1232, 448]);
    const expected = await sharp(await sharpExtract(bytes, box), { raw: { width: 110, height: 40, channels: 3 } })
      .resize(1232, 448, { fit: "fill", kernel: "lanczos3" })
      .raw()
      .toBuffer();
    expect(Buffer.compare((await session.pixels(ref)).data, expected)).toBe(0);
    expect(ref.toOrigin).toEqual([110 / 1232, 0, 1250, 0, 40 / 448, 1030]);
    expect(applyAffine(ref.toOrigin!, ref.width, ref.height)).toEqual([1360, 1070]);
    expect(out.text).toContain('looking for "price tag"');
    expect(out.text).toContain("[1250, 1030, 1360, 1070]");
  });

  it("honours a larger factor, caps the long side, and leaves big regions unscaled", async () => {
    const session = new VisualSession();
    await session.addInput(fixture("blackmug.JPG"));
    const [zoom] = visualTools({ engine: session.engine, zoomShortSide: 448, zoomMaxLongSide: 2048, only: ["zoom"] });
    const factor = await session.run(zoom!, { bbox_2d: [100, 100, 400, 400], factor: 2 });
    expect([factor.images![0]!.width, factor.images![0]!.height]).toEqual([600, 600]);
    const strip = await session.run(zoom!, { bbox_2d: [0, 1000, 1600, 1040] });
    expect([strip.images![0]!.width, strip.images![0]!.height]).toEqual([2048, 51]);
    expect(strip.text).toContain("capped");
    const big = await session.run(zoom!, { bbox_2d: [0, 0, 1000, 800] });
    expect([big.images![0]!.width, big.images![0]!.height]).toEqual([1000, 800]);
  });

  it("chains: a crop of a zoom reports its box in original-image coordinates", async () => {
    const session = new VisualSession({ encoding: "png" });
    await session.addInput(fixture("r1v4_demo_2.jpg"));
    const [crop, zoom] = visualTools({ engine: session.engine, only: ["crop", "zoom"] });
    await session.run(zoom!, { bbox_2d: [1000, 800, 1100, 900] }); // 100×100 → 448×448
    const out = await session.run(crop!, { bbox_2d: [0, 0, 224, 224], image: "observation 1" });
    expect(out.text).toContain("[1000, 800, 1050, 850]");
  });
});

describe("rotate", () => {
  it("rotates by multiples of 90° exactly, with the canvas swapped", async () => {
    const session = new VisualSession({ encoding: "png" });
    const bytes = fixture("r1v4_demo_5.jpg");
    await session.addInput(bytes);
    const [rotate] = visualTools({ engine: session.engine, only: ["rotate"] });
    const out = await session.run(rotate!, { angle: 90 });
    const ref = out.images![0]!;
    expect([ref.width, ref.height]).toEqual([1024, 576]);
    const expected = await sharp(bytes).autoOrient().rotate(90).raw().toBuffer();
    expect(Buffer.compare((await session.pixels(ref)).data, expected)).toBe(0);
    // Top-left of the original lands top-right after a clockwise quarter turn.
    expect(applyAffine(ref.toOrigin!, 1024, 0)).toEqual([0, 0]);
  });

  it("rotates by any angle on an expanded canvas whose map points back to the right pixels", async () => {
    const width = 300;
    const height = 200;
    const data = Buffer.alloc(width * height * 3, 0);
    const markers: Array<[number, number]> = [
      [40, 30],
      [250, 60],
      [150, 170],
    ];
    for (const [mx, my] of markers) {
      for (let y = my - 2; y <= my + 2; y++) for (let x = mx - 2; x <= mx + 2; x++) data.fill(255, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
    const png = await sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
    for (const angle of [30, -17.5, 123.4, 200]) {
      const session = new VisualSession({ encoding: "png" });
      await session.addInput(png);
      const [rotate] = visualTools({ engine: session.engine, only: ["rotate"] });
      const ref = (await session.run(rotate!, { angle })).images![0]!;
      const geometry = rotationGeometry(width, height, angle);
      expect([ref.width, ref.height]).toEqual([geometry.width, geometry.height]);
      const rad = (angle * Math.PI) / 180;
      expect(ref.width).toBe(Math.ceil(width * Math.abs(Math.cos(rad)) + height * Math.abs(Math.sin(rad)) - 1e-6));
      // Find each bright blob in the rotated image and map its centroid back.
      const rotated = await session.pixels(ref);
      const found = blobs(rotated.data, rotated.width, rotated.height, rotated.channels);
      expect(found).toHaveLength(markers.length);
      for (const [cx, cy] of found) {
        const [ox, oy] = applyAffine(ref.toOrigin!, cx, cy);
        const nearest = Math.min(...markers.map(([mx, my]) => Math.hypot(ox - (mx + 0.5), oy - (my + 0.5))));
        expect(nearest).toBeLessThan(0.5);
      }
    }
  });
});

/** Centroids (pixel-centre convention) of bright connected regions. */
function blobs(data: Buffer, width: number, height: number, channels: number): Array<[number, number]> {
  const seen = new Uint8Array(width * height);
  const out: Array<[number, number]> = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || (data[start * channels] as number) < 40) continue;
    const stack = [start];
    seen[start] = 1;
    let sx = 0;
    let sy = 0;
    let sw = 0;
    while (stack.length) {
      const i = stack.pop()!;
      const v = data[i * channels] as number;
      const x = i % width;
      const y = Math.floor(i / width);
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
      sw += v;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const nx = x + dx;
        const ny = y + dy;
        const j = ny * width + nx;
        if (nx >= 0 && ny >= 0 && nx < width && ny < height && !seen[j] && (data[j * channels] as number) >= 40) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    out.push([sx / sw, sy / sw]);
  }
  return out;
}

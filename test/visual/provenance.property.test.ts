import fc from "fast-check";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { applyAffine, invertAffine } from "../../src/images/affine-map.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import { visualTools } from "../../nodes/visual/index.js";
import { VisualSession } from "./helpers.js";

// A 256×256 image whose pixels spell their own coordinates: R = x, G = y. After any chain of
// geometric operations, the pixel at (u, v) of the result must hold the original coordinates its
// recorded map sends (u + ½, v + ½) to.
const SIZE = 256;
const MARGIN = 10;

async function coordinateImage(): Promise<Buffer> {
  const data = Buffer.alloc(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const o = (y * SIZE + x) * 3;
      data[o] = x;
      data[o + 1] = y;
      data[o + 2] = 128;
    }
  }
  return sharp(data, { raw: { width: SIZE, height: SIZE, channels: 3 } }).png().toBuffer();
}

const GRID = Array.from({ length: 49 }, (_, i) => [((i % 7) + 0.5) / 7, (Math.floor(i / 7) + 0.5) / 7] as const);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const step = fc.oneof(
  fc.record({ kind: fc.constant("crop" as const), fx: fraction, fy: fraction, fw: fraction, fh: fraction }),
  fc.record({ kind: fc.constant("zoom" as const), fx: fraction, fy: fraction, fw: fraction, fh: fraction }),
  fc.record({ kind: fc.constant("rotate" as const), angle: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(90, 180, 270)) }),
  fc.record({ kind: fc.constant("flip" as const), direction: fc.constantFrom("horizontal", "vertical") }),
  fc.record({ kind: fc.constant("resize" as const), scale: fc.double({ min: 0.75, max: 2, noNaN: true }) }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

function argsFor(s: Step, ref: ImageRef): [string, Record<string, unknown>] {
  const { width: W, height: H } = ref;
  switch (s.kind) {
    case "crop":
    case "zoom": {
      const w = (0.4 + 0.5 * s.fw) * W;
      const h = (0.4 + 0.5 * s.fh) * H;
      const x1 = s.fx * (W - w);
      const y1 = s.fy * (H - h);
      return [s.kind, { bbox_2d: [x1, y1, x1 + w, y1 + h] }];
    }
    case "rotate":
      return ["rotate", { angle: s.angle }];
    case "flip":
      return ["flip", { direction: s.direction }];
    case "resize":
      return ["resize", { scale: Math.max(W, H) * s.scale > 900 ? 0.8 : s.scale }];
  }
}

/** Whether an origin point lies at least MARGIN origin pixels inside an image of the chain. */
function wellInside(ref: ImageRef, ox: number, oy: number): boolean {
  const inverse = invertAffine(ref.toOrigin ?? [1, 0, 0, 0, 1, 0]);
  const [x, y] = applyAffine(inverse, ox, oy);
  const scale = Math.sqrt(Math.abs(inverse[0] * inverse[4] - inverse[1] * inverse[3]));
  const m = MARGIN * scale;
  return x >= m && y >= m && x <= ref.width - m && y <= ref.height - m;
}

describe("provenance of chained operations", () => {
  it("maps every pixel of any crop/zoom/rotate/flip/resize chain back to the original", async () => {
    const png = await coordinateImage();
    let totalChecked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 4 }), async (steps) => {
        const session = new VisualSession({ encoding: "png" });
        const tools = new Map(visualTools({ engine: session.engine, minCropSize: 28, zoomShortSide: 96, zoomMaxLongSide: 512 }).map((t) => [t.name, t]));
        let current = await session.addInput(png);
        const chain: ImageRef[] = [current];
        for (const s of steps) {
          const [name, args] = argsFor(s, current);
          const image = session.produced.length ? `observation ${session.produced.length}` : undefined;
          const out = await session.run(tools.get(name)!, { ...args, ...(image ? { image } : {}) });
          if (!out.images) {
            expect(out.text).toContain("identical");
            continue;
          }
          current = out.images[0]!;
          expect(current.origin).toBe(session.inputs[0]!.id);
          chain.push(current);
        }
        const raster = await session.pixels(current);
        let checked = 0;
        // A 7×7 grid of sample pixels over the result.
        for (const [fu, fv] of GRID) {
          const u = Math.min(raster.width - 1, Math.floor(fu * raster.width));
          const v = Math.min(raster.height - 1, Math.floor(fv * raster.height));
          const [ox, oy] = applyAffine(current.toOrigin ?? [1, 0, 0, 0, 1, 0], u + 0.5, v + 0.5);
          if (!chain.every((ref) => wellInside(ref, ox, oy))) continue;
          const o = (v * raster.width + u) * raster.channels;
          expect(Math.abs((raster.data[o] as number) - (ox - 0.5))).toBeLessThan(1.6);
          expect(Math.abs((raster.data[o + 1] as number) - (oy - 0.5))).toBeLessThan(1.6);
          checked++;
        }
        totalChecked += checked;
      }),
      { numRuns: 40, seed: Number(process.env.PROPERTY_SEED ?? 20240601) },
    );
    // Most samples are well inside every image of their chain: the property was really exercised.
    expect(totalChecked).toBeGreaterThan(40 * 4);
  }, 120_000);
});

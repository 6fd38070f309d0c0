import { InterleafError } from "../errors/index.js";
import type { Box } from "./coordinates.js";

/** Options for {@link resolvePixelBox}. */
export interface PixelBoxOptions {
  /**
   * A side shorter than this is enlarged to it around the box centre (kept inside the image):
   * DeepEyes uses 28 px, Thyme 64 px. Default 1 (no enlargement).
   */
  minSize?: number;
}

/** A box in whole pixels, inside the image, with what was done to the requested one. */
export interface ResolvedPixelBox {
  /** `[x1, y1, x2, y2]`, integers, `0 ≤ x1 < x2 ≤ width` and the same for y. */
  box: Box;
  left: number;
  top: number;
  width: number;
  height: number;
  /** The box as requested, in pixels. */
  requested: Box;
  /** Whether part of the requested box lay outside the image. */
  clamped: boolean;
  /** Whether a side was enlarged to the minimum size. */
  enlarged: boolean;
  /** Sentences for the observation (clamping, enlargement). */
  notes: string[];
}

/**
 * Turns a box in (possibly fractional) pixels into whole pixels inside an image: corners are
 * rounded, the box is clamped to the image, and sides shorter than `minSize` are enlarged around
 * the centre. Empty, inverted or entirely outside boxes are an `invalid_argument` error whose
 * message tells the model how to fix the call.
 *
 * @example
 * ```ts
 * import { resolvePixelBox } from "interleaf/images";
 *
 * const r = resolvePixelBox([-10, 5, 50, 40], { width: 100, height: 80 });
 * console.log(r.box, r.clamped); // [0, 5, 50, 40] true
 * ```
 */
export function resolvePixelBox(requested: Box, size: { width: number; height: number }, options: PixelBoxOptions = {}): ResolvedPixelBox {
  if (!requested.every(Number.isFinite)) {
    throw new InterleafError("invalid_argument", `bbox_2d must hold four finite numbers, got ${JSON.stringify(requested)}`);
  }
  const [rx1, ry1, rx2, ry2] = requested;
  if (rx2 <= rx1 || ry2 <= ry1) {
    throw new InterleafError(
      "invalid_argument",
      `bbox_2d ${formatBox(requested)} is empty or inverted: it must be [x1, y1, x2, y2] with x2 > x1 and y2 > y1 (top-left corner first, then bottom-right)`,
      { details: { argument: "bbox_2d", value: requested } },
    );
  }
  const { width: W, height: H } = size;
  if (rx2 <= 0 || ry2 <= 0 || rx1 >= W || ry1 >= H) {
    throw new InterleafError(
      "invalid_argument",
      `bbox_2d ${formatBox(requested)} lies entirely outside the image, which is ${W}×${H} pixels; give a box inside [0, 0, ${W}, ${H}]`,
      { details: { argument: "bbox_2d", value: requested, width: W, height: H } },
    );
  }
  let x1 = clamp(Math.round(rx1), 0, W);
  let y1 = clamp(Math.round(ry1), 0, H);
  let x2 = clamp(Math.round(rx2), 0, W);
  let y2 = clamp(Math.round(ry2), 0, H);
  const clamped = rx1 < 0 || ry1 < 0 || rx2 > W || ry2 > H;
  const notes: string[] = [];
  if (clamped) notes.push(`The box ${formatBox(requested)} extended past the image (${W}×${H}) and was clamped to ${formatBox([x1, y1, x2, y2])}.`);
  const minSize = Math.max(1, Math.round(options.minSize ?? 1));
  let enlarged = false;
  [x1, x2, enlarged] = enlarge(x1, x2, W, minSize, enlarged);
  [y1, y2, enlarged] = enlarge(y1, y2, H, minSize, enlarged);
  if (enlarged) notes.push(`The box was smaller than the minimum of ${minSize} px a side and was enlarged around its centre to ${formatBox([x1, y1, x2, y2])}.`);
  return { box: [x1, y1, x2, y2], left: x1, top: y1, width: x2 - x1, height: y2 - y1, requested, clamped, enlarged, notes };
}

function enlarge(lo: number, hi: number, limit: number, minSize: number, already: boolean): [number, number, boolean] {
  if (hi - lo >= minSize) return [lo, hi, already];
  const side = Math.min(minSize, limit);
  const start = clamp(Math.round((lo + hi) / 2 - side / 2), 0, limit - side);
  return [start, start + side, already || side !== hi - lo];
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

/** A box with its corners rounded to one decimal (0.1 px, or 0.1 of a unit of another convention). */
export function roundBox(box: Box): Box {
  return box.map((v) => Math.round(v * 10) / 10) as Box;
}

/** A box as `[x1, y1, x2, y2]` with at most one decimal: how boxes are written for the model, logs and the CLI. */
export function formatBox(box: Box): string {
  return `[${roundBox(box).join(", ")}]`;
}

import { InterleafError } from "../errors/index.js";
import type { Box } from "./coordinates.js";
import type { Affine } from "./image-ref.js";

/** Applies an affine map to a point. */
export function applyAffine(affine: Affine, x: number, y: number): [number, number] {
  const [a, b, c, d, e, f] = affine;
  return [a * x + b * y + c, d * x + e * y + f];
}

/** The inverse map (original → produced image); throws `invalid_argument` if it has none. */
export function invertAffine(affine: Affine): Affine {
  const [a, b, c, d, e, f] = affine;
  const det = a * e - b * d;
  if (Math.abs(det) < 1e-12) throw new InterleafError("invalid_argument", "this transform squashes the image to a line and cannot be inverted");
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det];
}

/**
 * Maps a box through an affine map: the bounding box of its four mapped corners (exact for
 * crops, scalings and flips; the enclosing box after a rotation).
 */
export function mapBox(affine: Affine, box: Box): Box {
  const [x1, y1, x2, y2] = box;
  const corners = [applyAffine(affine, x1, y1), applyAffine(affine, x2, y1), applyAffine(affine, x1, y2), applyAffine(affine, x2, y2)];
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

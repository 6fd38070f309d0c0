import type { Box } from "./coordinates.js";

/**
 * Intersection over union of two boxes `[x1, y1, x2, y2]`, in [0, 1]; 0 when both are empty.
 *
 * @example
 * ```ts
 * import { intersectionOverUnion } from "interleaf/images";
 *
 * console.log(intersectionOverUnion([0, 0, 10, 10], [5, 0, 15, 10])); // 0.3333333333333333
 * ```
 */
export function intersectionOverUnion(a: Box, b: Box): number {
  const width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const height = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  const intersection = Math.max(0, width) * Math.max(0, height);
  const union = boxArea(a) + boxArea(b) - intersection;
  return union > 0 ? intersection / union : 0;
}

function boxArea(box: Box): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

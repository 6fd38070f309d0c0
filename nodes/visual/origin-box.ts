import { mapBox } from "../../src/images/affine-map.js";
import type { Box } from "../../src/images/coordinates.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import { formatBox } from "../../src/images/pixel-box.js";
import type { ToolContext } from "../../src/tools/tool.js";

/** Where a produced image lies in its origin image, in pixels and in the model's convention. */
export interface OriginBox {
  /** `[x1, y1, x2, y2]` in pixels of the origin image (the enclosing box after a rotation). */
  pixels: Box;
  /** The same box in the dialect's convention, when the origin is in the gallery. */
  convention?: Box;
  /** The origin image's label ("original image"), when the model has seen it. */
  originLabel?: string;
}

/** The box a produced image covers in its origin image, or undefined when it has no map there. */
export function originBoxOf(ref: ImageRef, context: ToolContext): OriginBox | undefined {
  const affine = ref.toOrigin ?? (ref.parent === undefined ? ([1, 0, 0, 0, 1, 0] as const) : undefined);
  if (!affine) return undefined;
  const pixels = mapBox([...affine], [0, 0, ref.width, ref.height]).map(round1) as Box;
  const originId = ref.origin ?? ref.id;
  const origin = context.gallery.entries.find((entry) => entry.ref.id === originId);
  const result: OriginBox = { pixels };
  if (!origin) return result;
  result.originLabel = origin.label;
  if (context.coordinates !== "pixels") result.convention = pixelsToConvention(pixels, origin.ref, context);
  return result;
}

/**
 * Converts a box in pixels of `image` to the dialect's convention (the inverse of
 * `context.toPixels`; every convention is a per-axis scale).
 */
export function pixelsToConvention(box: Box, image: ImageRef, context: ToolContext): Box {
  const [kx, ky] = context.toPixels([1, 1, 1, 1], image);
  return [box[0] / kx, box[1] / ky, box[2] / kx, box[3] / ky].map(round1) as Box;
}

/** A sentence placing a produced image in its origin. */
export function describeOriginBox(origin: OriginBox | undefined, rotated: boolean): string {
  if (!origin) return "It has no geometric relation to the original image.";
  const where = origin.originLabel ?? "the original image";
  const enclosing = rotated ? "its enclosing box in" : "it covers";
  const inConvention = origin.convention ? ` (${formatBox(origin.convention)} in your coordinates)` : "";
  return `In ${where} pixels ${enclosing} ${formatBox(origin.pixels)}${inConvention}.`;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

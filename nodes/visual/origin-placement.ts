import type { Box } from "../../src/images/coordinates.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import { originBox } from "../../src/images/origin-box.js";
import { formatBox, roundBox } from "../../src/images/pixel-box.js";
import type { ToolContext } from "../../src/tools/tool.js";

/** Where a produced image lies in its origin image, in pixels and in the model's convention. */
export interface OriginPlacement {
  /** `[x1, y1, x2, y2]` in pixels of the origin image (see `originBox`). */
  pixels: Box;
  /** The same box in the dialect's convention, when the origin is in the gallery. */
  convention?: Box;
  /** The origin image's label ("original image"), when the model has seen it. */
  originLabel?: string;
}

/** Where a produced image lies in its origin, as the model knows the origin; undefined when it has no map there. */
export function placeInOrigin(ref: ImageRef, context: ToolContext): OriginPlacement | undefined {
  const pixels = originBox(ref);
  if (!pixels) return undefined;
  const originId = ref.origin ?? ref.id;
  const origin = context.gallery.entries.find((entry) => entry.ref.id === originId);
  const result: OriginPlacement = { pixels };
  if (!origin) return result;
  result.originLabel = origin.label;
  if (context.coordinates !== "pixels") result.convention = pixelsToConvention(pixels, origin.ref, context);
  return result;
}

/**
 * Converts a box in pixels of `image` to the dialect's convention (the inverse of
 * `context.toPixels`; every convention is a per-axis scale).
 */
function pixelsToConvention(box: Box, image: ImageRef, context: ToolContext): Box {
  const [kx, ky] = context.toPixels([1, 1, 1, 1], image);
  return roundBox([box[0] / kx, box[1] / ky, box[2] / kx, box[3] / ky]);
}

/** A sentence placing a produced image in its origin. */
export function describePlacement(placement: OriginPlacement | undefined, rotated: boolean): string {
  if (!placement) return "It has no geometric relation to the original image.";
  const where = placement.originLabel ?? "the original image";
  const enclosing = rotated ? "its enclosing box in" : "it covers";
  const inConvention = placement.convention ? ` (${formatBox(placement.convention)} in your coordinates)` : "";
  return `In ${where} pixels ${enclosing} ${formatBox(placement.pixels)}${inConvention}.`;
}

import { mapBox } from "./affine-map.js";
import type { Box } from "./coordinates.js";
import { IDENTITY_AFFINE, type Affine, type ImageRef } from "./image-ref.js";
import { roundBox } from "./pixel-box.js";

/**
 * The map from an image's pixels to its origin image's: its `toOrigin`; the identity for an
 * input image (its own origin); undefined for an image made by an operation without geometry
 * (e.g. model-written code), or derived from one.
 */
export function toOriginMap(ref: Pick<ImageRef, "toOrigin" | "parent">): Affine | undefined {
  return ref.toOrigin ?? (ref.parent === undefined ? IDENTITY_AFFINE : undefined);
}

/**
 * The box `[x1, y1, x2, y2]` an image covers in its origin image's pixels, to 0.1 px (a zoom by
 * a fractional factor lands between pixels): the enclosing box after a rotation,
 * `[0, 0, width, height]` for an input image, undefined when the image has no map to its origin.
 *
 * @example
 * ```ts
 * import { originBox } from "interleaf";
 *
 * const zoomed = { id: "z", mime: "image/png", width: 300, height: 300, parent: "p", toOrigin: [1 / 3, 0, 10, 0, 1 / 3, 20] as [number, number, number, number, number, number] };
 * console.log(originBox(zoomed)); // [10, 20, 110, 120]
 * ```
 */
export function originBox(ref: ImageRef): Box | undefined {
  const affine = toOriginMap(ref);
  return affine && roundBox(mapBox(affine, [0, 0, ref.width, ref.height]));
}

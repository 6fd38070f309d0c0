import { mapBox } from "../../src/images/affine-map.js";
import type { ImageRef } from "../../src/images/image-ref.js";

/** The box an image covers in its origin image's pixels, when its provenance has a geometric map. */
export function originBox(ref: ImageRef): [number, number, number, number] | undefined {
  if (!ref.toOrigin) return undefined;
  return mapBox(ref.toOrigin, [0, 0, ref.width, ref.height]).map((v) => Math.round(v)) as [number, number, number, number];
}
/** One line about an image: label, size, operation, box in the original, short id. */
export function describeImage(ref: ImageRef, label?: string): string {
  const box = originBox(ref);
  const parts = [
    label ?? "image",
    `${ref.width}×${ref.height}`,
    ref.op ? `${ref.op.name}` : undefined,
    box ? `box in original [${box.join(", ")}]` : undefined,
    `id ${ref.id.slice(0, 12)}`,
  ];
  return parts.filter(Boolean).join(", ");
}

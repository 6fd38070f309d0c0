import type { ImageRef } from "../../src/images/image-ref.js";
import { originBox } from "../../src/images/origin-box.js";
import { formatBox } from "../../src/images/pixel-box.js";

/** One line about an image: label, size, operation, box in the original, short id. */
export function describeImage(ref: ImageRef, label?: string): string {
  // An input image is its own origin: only produced images get a box.
  const box = ref.parent ? originBox(ref) : undefined;
  const parts = [
    label ?? "image",
    `${ref.width}×${ref.height}`,
    ref.op ? `${ref.op.name}` : undefined,
    box ? `box in original ${formatBox(box)}` : undefined,
    `id ${ref.id.slice(0, 12)}`,
  ];
  return parts.filter(Boolean).join(", ");
}

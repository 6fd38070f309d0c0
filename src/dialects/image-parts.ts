import type { ImageGallery } from "../images/gallery.js";
import type { ImageRef } from "../images/image-ref.js";
import { text, type ContentPart, type ImagePart } from "../models/messages.js";

/** An image part naming the image as the gallery does; the executor fills in the bytes. */
export function imagePart(ref: ImageRef, gallery: ImageGallery, fallbackLabel: string): ImagePart {
  return { type: "image", ref, label: gallery.labelOf(ref.id) ?? fallbackLabel };
}

/**
 * Images as a model should meet them: each one preceded by a short text naming it
 * (`observation 2:`), so the model can refer to it later. `renderLabel` adapts the wording
 * (Mini-o3 writes "Observation 2").
 */
export function labelledImages(
  refs: readonly ImageRef[],
  gallery: ImageGallery,
  renderLabel: (label: string) => string = (label) => label,
): ContentPart[] {
  return refs.flatMap((ref, i) => {
    const part = imagePart(ref, gallery, `image ${i + 1}`);
    return [text(`\n${renderLabel(part.label ?? "")}:`), part];
  });
}

/** The images of the question: bare when there is one ("original image"), named when several. */
export function questionImages(refs: readonly ImageRef[], gallery: ImageGallery): ContentPart[] {
  if (refs.length <= 1) return refs.map((ref) => imagePart(ref, gallery, "original image"));
  return labelledImages(refs, gallery);
}

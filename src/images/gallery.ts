import { InterleafError } from "../errors/index.js";
import type { ImageRef } from "./image-ref.js";

/** An image the model has seen, with the name it knows it by. */
export interface GalleryEntry {
  /** "original image", "image 2" (further inputs), "observation 3" (produced images, from 1). */
  label: string;
  ref: ImageRef;
}

/**
 * The images of a run in the order the model saw them: input images first, then every image a
 * tool produced, numbered from 1 as "observation N" (the Mini-o3 / R1V4 convention). Tools
 * resolve their `image` argument through it.
 *
 * @example
 * ```ts
 * import { ImageGallery } from "interleaf/images";
 *
 * const gallery = new ImageGallery([], []);
 * console.log(gallery.entries.length); // 0
 * ```
 */
export class ImageGallery {
  readonly entries: readonly GalleryEntry[];

  constructor(inputs: readonly ImageRef[], produced: readonly ImageRef[]) {
    const entries: GalleryEntry[] = inputs.map((ref, i) => ({ label: i === 0 ? "original image" : `image ${i + 1}`, ref }));
    produced.forEach((ref, i) => entries.push({ label: `observation ${i + 1}`, ref }));
    this.entries = entries;
  }

  /** The label the model knows an image by, or undefined if it never saw it. */
  labelOf(id: string): string | undefined {
    return this.entries.find((entry) => entry.ref.id === id)?.label;
  }

  /**
   * Finds an image by what a model may call it: nothing (the original), "original",
   * "original_image", "image N", "observation N", "observation_N", "N" (an observation number),
   * a full id or an id prefix of at least 8 hex characters.
   */
  resolve(name?: string | null): ImageRef {
    const first = this.entries[0];
    if (!first) throw new InterleafError("image_not_found", "this run has no input image to operate on");
    // "observation_2" and "sub-image 2" name images; in "observation -1" the minus sign is no separator, and no image has that name.
    const wanted = (name ?? "").trim().toLowerCase().replace(/(?<=\S)[_-]+/g, " ");
    if (wanted === "" || wanted === "original" || wanted === "original image") return first.ref;
    const numbered = /^(image|observation|sub image|<sub image)?\s*#?(\d+)>?$/.exec(wanted);
    if (numbered) {
      const n = Number(numbered[2]);
      const label = numbered[1] === "image" ? (n === 1 ? "original image" : `image ${n}`) : `observation ${n}`;
      const hit = this.entries.find((entry) => entry.label === label);
      if (hit) return hit.ref;
    }
    if (/^[0-9a-f]{8,64}$/.test(wanted)) {
      const hits = new Set(this.entries.filter((entry) => entry.ref.id.startsWith(wanted)).map((entry) => entry.ref.id));
      if (hits.size === 1) {
        // The same bytes may appear several times (the same box cropped twice): the latest is meant.
        const latest = [...this.entries].reverse().find((entry) => hits.has(entry.ref.id));
        if (latest) return latest.ref;
      }
    }
    const known = this.entries.map((entry) => `"${entry.label}"`).join(", ");
    throw new InterleafError("image_not_found", `no image named "${name}"; known images: ${known}`);
  }
}

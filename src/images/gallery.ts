import { posix } from "node:path";
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
   * a full id or an id prefix of at least 8 hex characters; or a file path (see {@link ImageGallery.byPath}).
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
    const byPath = this.byPath(name ?? "");
    if (byPath) return byPath;
    const known = this.entries.map((entry) => `"${entry.label}"`).join(", ");
    throw new InterleafError("image_not_found", `no image named "${name}"; known images: ${known}`);
  }

  /**
   * The image a file path names, or undefined. Models name images by path: code prints the paths
   * of the images it saved (`/mnt/data/temp_processed_images/crop_1.png`), and R1V4 was trained to
   * pass "local image paths" (Table 1; the planner's Table 3 example is `/data/images/person_1.png`)
   * for an input image whose path it was never shown. In order: the latest image code saved at that
   * path; the latest saved under that file name; the image whose sandbox file this is
   * (`original_image.jpg`, `observation_2.png`); and, when the run has exactly one input image and
   * the path is a local image file none of the above knows, that input image. URLs are not paths.
   */
  byPath(name: string): ImageRef | undefined {
    const path = name.trim();
    if (!/[\\/]/.test(path) && !IMAGE_FILE.test(path)) return undefined;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return undefined;
    const wanted = posix.normalize(path.replace(/\\/g, "/"));
    const latest = [...this.entries].reverse();
    const saved = (entry: GalleryEntry) => {
      const at = entry.ref.op?.params["path"];
      return typeof at === "string" ? posix.normalize(at) : undefined;
    };
    const exact = latest.find((entry) => saved(entry) === wanted);
    if (exact) return exact.ref;
    const file = posix.basename(wanted);
    const sameName = latest.find((entry) => {
      const at = saved(entry);
      return at !== undefined && posix.basename(at) === file;
    });
    if (sameName) return sameName.ref;
    const stem = file.replace(/\.[^.]*$/, "").toLowerCase();
    const sandboxFile = this.entries.find((entry) => entry.label.replace(/[^A-Za-z0-9]+/g, "_").toLowerCase() === stem);
    if (sandboxFile) return sandboxFile.ref;
    const inputs = this.entries.filter((entry) => !entry.label.startsWith("observation"));
    if (inputs.length === 1 && IMAGE_FILE.test(file)) return inputs[0]?.ref;
    return undefined;
  }
}

/** A file name with an image extension. */
const IMAGE_FILE = /\.(png|jpe?g|webp|gif|bmp|tiff?)$/i;

import { readFile } from "node:fs/promises";
import { InterleafError } from "../errors/index.js";
import { ImageRefSchema, type ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";
import { ingestImage } from "../images/ingest.js";
import type { Budgets } from "../state/budgets.js";

/** An input image: a file path, encoded bytes, or a reference already in the store. */
export type ImageInput = string | Uint8Array | ImageRef;

/** What a run starts from. */
export interface RunInput {
  question: string;
  images?: ImageInput[];
  /** Overrides the agent's budgets for this run. */
  budgets?: Partial<Budgets>;
}

/** Stores the input images and returns their references. */
export async function ingestInputImages(images: readonly ImageInput[], store: ImageStore, maxPixels?: number): Promise<ImageRef[]> {
  return Promise.all(
    images.map(async (image) => {
      if (typeof image === "string") {
        let bytes: Uint8Array;
        try {
          bytes = await readFile(image);
        } catch (error) {
          throw new InterleafError("image_not_found", `cannot read image file ${image}: ${(error as Error).message}`, { cause: error });
        }
        return ingestImage(store, bytes, maxPixels === undefined ? {} : { maxPixels });
      }
      if (image instanceof Uint8Array) return ingestImage(store, image, maxPixels === undefined ? {} : { maxPixels });
      const ref = ImageRefSchema.parse(image);
      if (!(await store.has(ref.id))) throw new InterleafError("image_not_found", `image ${ref.id} is not in this agent's image store`);
      return ref;
    }),
  );
}

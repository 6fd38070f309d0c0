import { InterleafError } from "../errors/index.js";
import { contentId } from "./content-id.js";
import type { ImageStore } from "./image-store.js";

/**
 * An {@link ImageStore} in process memory. For tests and short scripts: nothing survives the
 * process.
 *
 * @example
 * ```ts
 * import { MemoryImageStore } from "interleaf/storage";
 *
 * const store = new MemoryImageStore();
 * const id = await store.put(new Uint8Array([1, 2, 3]), "application/octet-stream");
 * console.log(id.length, await store.has(id)); // 64 true
 * ```
 */
export class MemoryImageStore implements ImageStore {
  readonly specificationVersion = "v1" as const;
  readonly #images = new Map<string, { bytes: Uint8Array; mime: string }>();

  async put(bytes: Uint8Array, mime: string): Promise<string> {
    const id = contentId(bytes);
    if (!this.#images.has(id)) this.#images.set(id, { bytes: new Uint8Array(bytes), mime });
    return id;
  }

  async get(id: string): Promise<{ bytes: Uint8Array; mime: string }> {
    const found = this.#images.get(id);
    if (!found) throw new InterleafError("image_not_found", `no image with id ${id} in this store`);
    return found;
  }

  async has(id: string): Promise<boolean> {
    return this.#images.has(id);
  }

  /** Number of distinct images held. */
  get size(): number {
    return this.#images.size;
  }
}

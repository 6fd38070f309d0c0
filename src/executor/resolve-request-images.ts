import type { ImageStore } from "../images/image-store.js";
import type { ModelImageSizing } from "../images/model-input-size.js";
import { prepareModelImage, type ModelImage } from "../images/prepare-model-image.js";
import type { ModelMessage } from "../models/messages.js";
import { capRequestImages } from "./cap-request-images.js";

/** Options of {@link resolveRequestImages}. */
export interface ResolveRequestImagesOptions {
  /**
   * Images sent at most: the original and the most recent ones; the others are replaced by a
   * note (see `Budgets.maxImagesPerRequest`). Default: every image.
   */
  maxImages?: number;
}

/**
 * Fills the bytes of every image part of a request, resized to the model's pixel budget (see
 * `prepareModelImage`). This is the only place image bytes leave the store on their way to a
 * model; each image is prepared once per request however often it appears.
 */
export async function resolveRequestImages(
  messages: ModelMessage[],
  store: ImageStore,
  sizing: ModelImageSizing,
  options: ResolveRequestImagesOptions = {},
): Promise<{ messages: ModelMessage[]; imageTokens: number }> {
  const prepared = new Map<string, Promise<ModelImage>>();
  let imageTokens = 0;
  const out: ModelMessage[] = [];
  const capped = options.maxImages === undefined ? messages : capRequestImages(messages, options.maxImages);
  for (const message of capped) {
    const content = await Promise.all(
      message.content.map(async (part) => {
        if (part.type !== "image" || part.data) return part;
        let image = prepared.get(part.ref.id);
        if (!image) prepared.set(part.ref.id, (image = prepareModelImage(store, part.ref, sizing)));
        const ready = await image;
        imageTokens += ready.tokens;
        return { ...part, data: new Uint8Array(ready.bytes), mime: ready.mime, sentSize: { width: ready.width, height: ready.height } };
      }),
    );
    out.push({ ...message, content } as ModelMessage);
  }
  return { messages: out, imageTokens };
}

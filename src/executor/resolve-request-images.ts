import { InterleafError } from "../errors/index.js";
import type { ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";
import type { ModelImageSizing } from "../images/model-input-size.js";
import { prepareModelImage, type ModelImage } from "../images/prepare-model-image.js";
import type { ContentPart, ModelMessage } from "../models/messages.js";
import { capRequestImages } from "./cap-request-images.js";

/** Options of {@link resolveRequestImages}. */
export interface ResolveRequestImagesOptions {
  /**
   * Images sent at most: the original and the most recent ones; the others are replaced by a
   * note (see `Budgets.maxImagesPerRequest`). Default: every image.
   */
  maxImages?: number;
}

/** How many images are decoded for one request at a time: each full decode of a large image costs hundreds of MB. */
const PREPARE_CONCURRENCY = 2;
/** Problems of an image's own bytes, which no retry fixes. */
const IMAGE_PROBLEMS = new Set(["invalid_image", "image_too_large", "unsupported_format", "image_not_found"]);

/**
 * Fills the bytes of every image part of a request, resized to the model's pixel budget (see
 * `prepareModelImage`). This is the only place image bytes leave the store on their way to a
 * model; each image is prepared once per request however often it appears, at most two at a time,
 * and prepared images are cached by the image engine for later turns.
 *
 * An image that cannot be prepared (damaged bytes, too large, missing from the store) does not fail the
 * run: its part becomes a text note saying so, which the model can react to.
 *
 * @internal
 */
export async function resolveRequestImages(
  messages: ModelMessage[],
  store: ImageStore,
  sizing: ModelImageSizing,
  options: ResolveRequestImagesOptions = {},
): Promise<{ messages: ModelMessage[]; imageTokens: number }> {
  const capped = options.maxImages === undefined ? messages : capRequestImages(messages, options.maxImages);
  const refs = new Map<string, ImageRef>();
  for (const message of capped) for (const part of message.content) if (part.type === "image" && !part.data) refs.set(part.ref.id, part.ref);
  // Nothing to load (a turn without images, or with their bytes already in it): the messages as they are.
  if (refs.size === 0) return { messages: capped, imageTokens: 0 };
  const ids = [...refs.keys()];
  const prepared = new Map<string, ModelImage | InterleafError>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        prepared.set(id, await prepareModelImage(store, refs.get(id)!, sizing));
      } catch (error) {
        // Bad image content becomes a note; anything else (the store is down) fails the turn, which can be resumed.
        if (!InterleafError.isInstance(error) || !IMAGE_PROBLEMS.has(error.code)) throw error;
        prepared.set(id, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PREPARE_CONCURRENCY, ids.length) }, worker));

  let imageTokens = 0;
  const resolve = (part: ContentPart): ContentPart => {
    if (part.type !== "image" || part.data) return part;
    const ready = prepared.get(part.ref.id)!;
    if (ready instanceof Error) {
      return { type: "text", text: `[${part.label ?? "an image"} cannot be shown (${ready.message}); work from the other images]` };
    }
    imageTokens += ready.tokens;
    return { ...part, data: new Uint8Array(ready.bytes), mime: ready.mime, sentSize: { width: ready.width, height: ready.height } };
  };
  return { messages: capped.map((message) => ({ ...message, content: message.content.map(resolve) }) as ModelMessage), imageTokens };
}

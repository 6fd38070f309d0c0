import sharp from "sharp";
import type { ImageStore } from "../images/image-store.js";
import { modelInputSize, type ModelImageSizing } from "../images/model-input-size.js";
import type { ModelMessage } from "../models/messages.js";

/**
 * Fills the bytes of every image part of a request, resized to the model's pixel budget. This is
 * the only place image bytes leave the store on their way to a model; results are memoised per
 * image id for the duration of one call.
 */
export async function resolveRequestImages(
  messages: ModelMessage[],
  store: ImageStore,
  sizing: ModelImageSizing,
): Promise<{ messages: ModelMessage[]; imageTokens: number }> {
  const prepared = new Map<string, Promise<{ data: Uint8Array; mime: string; width: number; height: number; tokens: number }>>();
  const prepare = (id: string, width: number, height: number) => {
    let found = prepared.get(id);
    if (!found) {
      found = (async () => {
        const { bytes, mime } = await store.get(id);
        const sent = modelInputSize(width, height, sizing);
        if (sent.width === width && sent.height === height) return { data: bytes, mime, ...sent };
        const resized = await sharp(bytes).rotate().resize(sent.width, sent.height, { fit: "fill" }).jpeg({ quality: 90 }).toBuffer();
        return { data: new Uint8Array(resized), mime: "image/jpeg", ...sent };
      })();
      prepared.set(id, found);
    }
    return found;
  };
  let imageTokens = 0;
  const out: ModelMessage[] = [];
  for (const message of messages) {
    const content = await Promise.all(
      message.content.map(async (part) => {
        if (part.type !== "image" || part.data) return part;
        const image = await prepare(part.ref.id, part.ref.width, part.ref.height);
        imageTokens += image.tokens;
        return { ...part, data: image.data, mime: image.mime, sentSize: { width: image.width, height: image.height } };
      }),
    );
    out.push({ ...message, content } as ModelMessage);
  }
  return { messages: out, imageTokens };
}

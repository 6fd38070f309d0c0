import { text, type ContentPart, type ModelMessage } from "../models/messages.js";

/**
 * Keeps at most `max` images in a request: the first one (the original image) and the most
 * recent ones. Each image left out is replaced by a short text after its label, the first of
 * them with the reason, so the model knows the image exists and that tools can still use it by
 * name. Requests within the limit come back unchanged.
 */
export function capRequestImages(messages: readonly ModelMessage[], max: number): ModelMessage[] {
  let total = 0;
  for (const message of messages) for (const part of message.content) if (part.type === "image") total++;
  if (total <= max) return [...messages];
  const keepFrom = total - Math.max(0, max - 1);
  let seen = 0;
  let explained = false;
  return messages.map((message) => {
    const content = message.content.map((part): ContentPart => {
      if (part.type !== "image") return part;
      const index = seen++;
      if ((index === 0 && max > 0) || index >= keepFrom) return part;
      if (explained) return text(" (not sent again)");
      explained = true;
      return text(
        ` (not sent again: a request carries at most ${max} images, the original and the most recent ones; tools can still use the others by name)`,
      );
    });
    return { ...message, content } as ModelMessage;
  });
}

import { text, type ContentPart, type ImagePart, type ModelMessage } from "./messages.js";

/**
 * Providers take only text in tool results, so images a tool produced move to a user message
 * right after the run of tool messages (one user message for the whole run, in call order). A
 * text part that only named a moved image (`observation 2:`) moves with it.
 */
export function moveToolImagesToUser(messages: readonly ModelMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  let moved: ContentPart[] = [];
  const flush = () => {
    if (moved.length > 0) out.push({ role: "user", content: moved });
    moved = [];
  };
  for (const message of messages) {
    if (message.role !== "tool") {
      flush();
      out.push(message);
      continue;
    }
    const kept: ContentPart[] = [];
    const images: ContentPart[] = [];
    message.content.forEach((part, i) => {
      const next = message.content[i + 1];
      if (part.type === "image") images.push(part);
      else if (next?.type === "image" && namesImage(part.text, next)) images.push(part);
      else kept.push(part);
    });
    if (images.length > 0) {
      moved.push(text(`${moved.length > 0 ? "\n" : ""}Images returned by the ${message.toolName} call ${message.toolCallId}:`), ...images);
      if (kept.length === 0) kept.push(text(`The images are in the next message.`));
    }
    out.push({ ...message, content: kept });
  }
  flush();
  return out;
}

function namesImage(value: string, image: ImagePart): boolean {
  return image.label !== undefined && value.trim() === `${image.label}:`;
}

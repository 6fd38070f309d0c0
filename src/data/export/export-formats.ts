import type { TrainingConversation, TrainingPart } from "./training-conversation.js";

/** The dataset formats `exportDataset` writes. */
export const EXPORT_FORMATS = ["ms-swift", "sharegpt", "openai", "raw", "planner"] as const;

/** One of {@link EXPORT_FORMATS}: ms-swift `messages` JSONL, LLaMA-Factory ShareGPT, OpenAI chat fine-tuning, the dialect's raw text turns, or planner data. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where each image of a conversation was written (a path relative to the dataset folder), or how it is inlined. */
export interface ImagePlacement {
  /** The relative path of the image file, e.g. `images/3fa2….jpg`. */
  path: string;
  /** A `data:` URL, for formats that carry images inline (OpenAI). */
  dataUrl?: string;
}

/** The image placeholder ms-swift and LLaMA-Factory expect in text, one per entry of `images`. */
export const IMAGE_TOKEN = "<image>";

/**
 * Text with any literal `<image>` made harmless: in ms-swift and LLaMA-Factory data the token means
 * "an image goes here", so a model or a web page that wrote it would break the image count.
 */
function safeText(text: string): string {
  return text.replaceAll(IMAGE_TOKEN, "< image>");
}

function flatText(parts: readonly TrainingPart[], images: string[], place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): string {
  return parts
    .map((part) => {
      if (part.type === "text") return safeText(part.text);
      images.push(place(part).path);
      return IMAGE_TOKEN;
    })
    .join("");
}

/** ms-swift's `messages` format (the format Thyme trained with): roles and text with `<image>` tokens, and the `images` list in order. */
export function msSwiftLine(conversation: TrainingConversation, place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): Record<string, unknown> {
  const images: string[] = [];
  const messages = conversation.messages.map((message) => ({ role: message.role, content: flatText(message.parts, images, place) }));
  return { id: conversation.id, messages, images };
}

/** LLaMA-Factory's ShareGPT format: `system` apart, `conversations` alternating human/gpt, `<image>` tokens matching `images`. */
export function shareGptLine(conversation: TrainingConversation, place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): Record<string, unknown> {
  const images: string[] = [];
  const system = conversation.messages.filter((m) => m.role === "system").map((m) => flatText(m.parts, images, place)).join("\n");
  const conversations = conversation.messages
    .filter((m) => m.role !== "system")
    .map((m) => ({ from: m.role === "user" ? "human" : "gpt", value: flatText(m.parts, images, place) }));
  return { id: conversation.id, conversations, ...(system ? { system } : {}), images };
}

/** OpenAI chat fine-tuning: messages with text and `image_url` parts (data URLs: OpenAI reads no local files); images only in user messages. */
export function openAiLine(conversation: TrainingConversation, place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement): Record<string, unknown> {
  const messages = conversation.messages.map((message) => {
    if (message.role !== "user") return { role: message.role, content: message.parts.map((part) => (part.type === "text" ? part.text : "")).join("") };
    const content = message.parts.map((part) =>
      part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: place(part).dataUrl ?? place(part).path } },
    );
    return { role: "user", content };
  });
  return { messages };
}

/** The dialect's own text turns, role by role, with `<image>` where each image goes and the `images` list. */
export function rawLine(conversation: TrainingConversation, place: (part: Extract<TrainingPart, { type: "image" }>) => ImagePlacement, dialect: string): Record<string, unknown> {
  const images: string[] = [];
  const turns = conversation.messages.map((message) => ({ role: message.role, text: flatText(message.parts, images, place) }));
  return { id: conversation.id, dialect, turns, images };
}

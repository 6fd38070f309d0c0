import type { ImageRef } from "../images/image-ref.js";

/** Plain text in a message. */
export interface TextPart {
  type: "text";
  text: string;
}

/**
 * An image in a message. Dialects build messages with `ref` only; the executor resolves the
 * bytes (resized to the model's pixel budget) just before the request is sent, so `data` is
 * always present when a {@link ModelBackend} sees the request.
 */
export interface ImagePart {
  type: "image";
  ref: ImageRef;
  /** Encoded bytes as sent to the model (possibly resized from `ref`). */
  data?: Uint8Array;
  /** MIME type of `data`. */
  mime?: string;
  /** Size of `data` in pixels, when it was resized for the model. */
  sentSize?: { width: number; height: number };
  /** How the model refers to this image ("original image", "observation 2"). */
  label?: string;
}

/** A part of a message's content. */
export type ContentPart = TextPart | ImagePart;

/** A tool call as a model asked for it. `arguments` is untrusted until a tool's schema parses it. */
export interface ToolCallRequest {
  id: string;
  name: string;
  arguments: unknown;
}

/** One message of a conversation, in the provider-neutral shape every backend accepts. */
export type ModelMessage =
  | { role: "system"; content: ContentPart[] }
  | { role: "user"; content: ContentPart[] }
  | { role: "assistant"; content: ContentPart[]; toolCalls?: ToolCallRequest[] }
  | { role: "tool"; toolCallId: string; toolName: string; content: ContentPart[] };

/** Shorthand for a text part. */
export function text(value: string): TextPart {
  return { type: "text", text: value };
}

/** The text parts of a content list, joined. */
export function textOf(content: readonly ContentPart[]): string {
  return content
    .filter((part): part is TextPart => part.type === "text")
    .map((part) => part.text)
    .join("");
}

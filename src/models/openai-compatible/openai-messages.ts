import type { ContentPart, ModelMessage } from "../messages.js";
import { textOf } from "../messages.js";
import type { ToolSpec } from "../model-backend.js";
import { imageDataUrl } from "../image-data-url.js";
import { moveToolImagesToUser } from "../tool-images.js";

/** Where images go in a user message: before all text (the Skywork API) or where they are. */
export type ImagePlacement = "before-text" | "in-order";

type OpenAIPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

/** A message in the OpenAI chat-completions shape. */
export type OpenAIMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string | OpenAIPart[] }
  | { role: "assistant"; content: string | OpenAIPart[] | null; tool_calls?: { id: string; type: "function"; function: { name: string; arguments: string } }[] }
  | { role: "tool"; tool_call_id: string; content: string };

function userContent(content: readonly ContentPart[], placement: ImagePlacement): string | OpenAIPart[] {
  if (!content.some((part) => part.type === "image")) return textOf(content);
  const ordered = placement === "before-text" ? [...content.filter((p) => p.type === "image"), ...content.filter((p) => p.type === "text")] : content;
  const parts: OpenAIPart[] = [];
  for (const part of ordered) {
    if (part.type === "image") {
      parts.push({ type: "image_url", image_url: { url: imageDataUrl(part) } });
      continue;
    }
    const last = parts[parts.length - 1];
    if (last?.type === "text") last.text += part.text;
    else parts.push({ type: "text", text: part.text });
  }
  return parts;
}

/** Converts interleaf messages to chat-completions messages; tool images move to a user message. */
export function toOpenAIMessages(messages: readonly ModelMessage[], placement: ImagePlacement): OpenAIMessage[] {
  return moveToolImagesToUser(messages).map((message): OpenAIMessage => {
    switch (message.role) {
      case "system":
        return { role: "system", content: textOf(message.content) };
      case "user":
        return { role: "user", content: userContent(message.content, placement) };
      case "assistant": {
        const content = textOf(message.content);
        const calls = message.toolCalls ?? [];
        // An assistant message with images: a loop that appends results to the model's own message (Thyme).
        if (calls.length === 0) return { role: "assistant", content: message.content.some((part) => part.type === "image") ? userContent(message.content, "in-order") : content };
        return {
          role: "assistant",
          content: content === "" ? null : content,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: "function",
            function: { name: call.name, arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments ?? {}) },
          })),
        };
      }
      case "tool":
        return { role: "tool", tool_call_id: message.toolCallId, content: textOf(message.content) };
    }
  });
}

/** Tool specs in the chat-completions `tools` shape. */
export function toOpenAITools(tools: readonly ToolSpec[]): { type: "function"; function: ToolSpec }[] {
  return tools.map((tool) => ({ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } }));
}

import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ContentPart, ModelMessage } from "../messages.js";
import { textOf } from "../messages.js";
import { imageDataUrl } from "../image-data-url.js";
import { moveToolImagesToUser } from "../tool-images.js";

type Block = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

function blocks(content: readonly ContentPart[]): Block[] {
  const out: Block[] = [];
  for (const part of content) {
    if (part.type === "image") {
      out.push({ type: "image_url", image_url: { url: imageDataUrl(part) } });
      continue;
    }
    const last = out[out.length - 1];
    if (last?.type === "text") last.text += part.text;
    else out.push({ type: "text", text: part.text });
  }
  return out;
}

function argsObject(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // not JSON: sent empty, the observation already told the model what was wrong
    }
  }
  return {};
}

/** Converts interleaf messages to LangChain messages; tool images move to a user message after the tool results. */
export function toLangChainMessages(messages: readonly ModelMessage[]): BaseMessage[] {
  return moveToolImagesToUser(messages).map((message): BaseMessage => {
    switch (message.role) {
      case "system":
        return new SystemMessage(textOf(message.content));
      case "user":
        return message.content.some((part) => part.type === "image") ? new HumanMessage({ content: blocks(message.content) }) : new HumanMessage(textOf(message.content));
      case "assistant":
        return new AIMessage({
          content: textOf(message.content),
          tool_calls: (message.toolCalls ?? []).map((call) => ({ id: call.id, name: call.name, args: argsObject(call.arguments), type: "tool_call" as const })),
        });
      case "tool":
        return new ToolMessage({ content: textOf(message.content), tool_call_id: message.toolCallId, name: message.toolName });
    }
  });
}

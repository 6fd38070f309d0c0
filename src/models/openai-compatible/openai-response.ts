import type { ToolCallRequest } from "../messages.js";
import type { ModelResponse } from "../model-backend.js";

/** The outcome of {@link readChatCompletion}. */
export type ChatCompletionReading = { ok: true; response: ModelResponse } | { ok: false; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (isRecord(part) && typeof part.text === "string" ? part.text : "")).join("");
  return "";
}

function parseArguments(value: unknown): unknown {
  if (typeof value !== "string") return value ?? {};
  if (value.trim() === "") return {};
  try {
    return JSON.parse(value);
  } catch {
    return value; // the dialect reports the broken JSON to the model
  }
}

/**
 * Reads `choices[0].message` of a chat-completions body: text (with `reasoning_content` put in
 * front as `<think>…</think>` when the text has no `<think>` of its own), tool calls with their
 * JSON arguments parsed, usage and finish reason.
 */
export function readChatCompletion(body: unknown): ChatCompletionReading {
  if (!isRecord(body)) return { ok: false, problem: "the body is not a JSON object" };
  if (isRecord(body.error)) return { ok: false, problem: `the body is an error: ${String(body.error.message ?? JSON.stringify(body.error))}` };
  const choice = Array.isArray(body.choices) ? body.choices[0] : undefined;
  if (!isRecord(choice) || !isRecord(choice.message)) return { ok: false, problem: "the body has no choices[0].message" };
  const message = choice.message;
  const content = contentText(message.content);
  const reasoning = typeof message.reasoning_content === "string" ? message.reasoning_content : typeof message.reasoning === "string" ? message.reasoning : "";
  const text = reasoning.trim() !== "" && !content.includes("<think>") ? `<think>${reasoning}</think>${content}` : content;
  const toolCalls: ToolCallRequest[] = (Array.isArray(message.tool_calls) ? message.tool_calls : []).filter(isRecord).map((call, i) => {
    const fn = isRecord(call.function) ? call.function : {};
    return { id: typeof call.id === "string" ? call.id : `call_${i}`, name: typeof fn.name === "string" ? fn.name : "", arguments: parseArguments(fn.arguments) };
  });
  const usage = isRecord(body.usage) ? body.usage : {};
  const response: ModelResponse = {
    text,
    toolCalls,
    usage: { inputTokens: Number(usage.prompt_tokens ?? 0) || 0, outputTokens: Number(usage.completion_tokens ?? 0) || 0 },
  };
  if (typeof choice.finish_reason === "string") response.finishReason = choice.finish_reason;
  return { ok: true, response };
}

import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { InterleafError, type AnyInterleafError } from "../../errors/index.js";
import { httpStatusError } from "../../net/http-status-error.js";
import type { ToolCallRequest } from "../messages.js";
import type { ModelBackend, ModelRequest, ModelResponse } from "../model-backend.js";
import { toLangChainMessages } from "./langchain-messages.js";
import { cutAtStop, stopWatcher } from "../stop-sequences.js";

/** Options for {@link langchainModel}. */
export interface LangChainModelOptions {
  /** The model id to report. Default: the chat model's `model` or `modelName` field, else its type. */
  modelId?: string;
  /** The provider name to report. Default `langchain`. */
  provider?: string;
  /**
   * Where a request's stop sequences (the R1V4 dialect stops at `</tool_call>`) are applied:
   * - `model` (default): passed to the chat model as its `stop` option;
   * - `client`: not passed; interleaf ends the reply at the first stop sequence itself, and a
   *   streamed reply is not read further. For chat models that refuse or mishandle `stop` (some
   *   reasoning models; LangChain's `FakeListChatModel` answers with the stop string itself).
   *
   * Either way the reply is cut after the first stop sequence, for models that echo it or run past it.
   */
  stopSequences?: "model" | "client";
}

function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block) => (typeof block === "string" ? block : typeof block === "object" && block !== null && (block as { type?: unknown }).type === "text" ? String((block as { text?: unknown }).text ?? "") : ""))
    .join("");
}

/**
 * Streams a reply with the chat model's `.stream`, passing each piece of text on as it comes, and
 * adds the chunks up (text, tool-call chunks, usage) into the whole reply. Stops reading at the
 * first stop sequence.
 */
async function streamReply(
  runnable: Pick<BaseChatModel, "stream">,
  messages: BaseMessage[],
  callOptions: { stop?: string[]; signal?: AbortSignal },
  stops: readonly string[],
  onTextDelta: (delta: string) => void,
): Promise<AIMessageChunk> {
  const watcher = stopWatcher(stops, onTextDelta);
  let whole: AIMessageChunk | undefined;
  for await (const chunk of await runnable.stream(messages, callOptions)) {
    whole = whole ? whole.concat(chunk) : chunk;
    if (watcher.push(textOfContent(chunk.content))) break;
  }
  return whole ?? new AIMessageChunk({ content: "" });
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const record = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } };
  for (const candidate of [record.status, record.statusCode, record.response?.status]) {
    if (typeof candidate === "number" && candidate >= 100 && candidate < 600) return candidate;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "TimeoutError" || error.name === "APIConnectionTimeoutError" || /timed? ?out/i.test(error.message);
}

function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === "APIConnectionError" || (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EPIPE)$/.test(code));
}

function modelError(error: unknown, who: string, signal?: AbortSignal): AnyInterleafError {
  if (InterleafError.isInstance(error)) return error;
  if (signal?.aborted) return new InterleafError("aborted", `the call to ${who} was aborted`, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  const status = statusOf(error);
  if (status !== undefined) {
    return httpStatusError(status, { code: "model_failed", what: who, body: message, cause: error });
  }
  if (isTimeout(error)) return new InterleafError("model_failed", `${who} timed out: ${message}; try again or raise the model's timeout`, { cause: error, retryable: true });
  if (isConnectionFailure(error)) return new InterleafError("model_failed", `could not reach ${who}: ${message}; check that the server is running and its URL`, { cause: error, retryable: true });
  return new InterleafError("model_failed", `${who} failed: ${message}`, { cause: error });
}

function defaultModelId(chatModel: BaseChatModel): string {
  const fields = chatModel as unknown as { model?: unknown; modelName?: unknown };
  if (typeof fields.model === "string" && fields.model) return fields.model;
  if (typeof fields.modelName === "string" && fields.modelName) return fields.modelName;
  return chatModel._llmType();
}

/**
 * Adapts any LangChain chat model (`@langchain/core` 1.x) to interleaf: messages become
 * LangChain messages (images as base64 data URLs; tool images in a user message after the tool
 * results), native tools are bound with `bindTools`, `stop` (see `stopSequences`) and `signal`
 * are passed through, and token usage and tool calls come back. A request with `onTextDelta` is
 * streamed with the chat model's `.stream`. Temperature and token limits are settings of the chat
 * model itself. Failures are `model_failed`, retryable for 408/409/429/5xx, timeouts and
 * connection errors.
 *
 * @example
 * ```ts
 * import { ChatOpenAI } from "@langchain/openai";
 * import { langchainModel } from "interleaf";
 *
 * const model = langchainModel(new ChatOpenAI({ model: "gpt-4.1-mini", apiKey: "sk-..." }));
 * console.log(model.provider, model.modelId); // "langchain" "gpt-4.1-mini"
 * ```
 */
export function langchainModel(chatModel: BaseChatModel, options: LangChainModelOptions = {}): ModelBackend {
  const modelId = options.modelId ?? defaultModelId(chatModel);
  const who = `the LangChain model "${modelId}"`;
  return {
    specificationVersion: "v1",
    provider: options.provider ?? "langchain",
    modelId,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      if (request.signal?.aborted) throw new InterleafError("aborted", `the call to ${who} was aborted`);
      if (request.continueFinalMessage) {
        throw new InterleafError("config_invalid", `${who} cannot continue its own last message, as this dialect's loop needs (Thyme); serve the model behind an OpenAI-compatible endpoint that supports continue_final_message (vLLM, SGLang)`);
      }
      const messages = toLangChainMessages(request.messages);
      let runnable: Pick<BaseChatModel, "invoke" | "stream"> = chatModel;
      if (request.tools && request.tools.length > 0) {
        if (!chatModel.bindTools) {
          throw new InterleafError("config_invalid", `${who} cannot bind tools (no bindTools); use a chat model with tool calling, or a text dialect such as r1v4Dialect`);
        }
        runnable = chatModel.bindTools(request.tools.map((tool) => ({ type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } })));
      }
      let result: AIMessageChunk;
      const stops = request.stop ?? [];
      try {
        const callOptions: { stop?: string[]; signal?: AbortSignal } = {};
        if (stops.length > 0 && options.stopSequences !== "client") callOptions.stop = stops;
        if (request.signal) callOptions.signal = request.signal;
        result = request.onTextDelta ? await streamReply(runnable, messages, callOptions, stops, request.onTextDelta) : await runnable.invoke(messages, callOptions);
      } catch (error) {
        throw modelError(error, who, request.signal);
      }
      const toolCalls: ToolCallRequest[] = [
        ...(result.tool_calls ?? []).map((call) => ({ id: call.id ?? "", name: call.name, arguments: call.args as unknown })),
        ...(result.invalid_tool_calls ?? []).map((call) => ({ id: call.id ?? "", name: call.name ?? "", arguments: (call.args ?? "") as unknown })),
      ];
      const metadata = result.response_metadata as Record<string, unknown> | undefined;
      const finish = metadata?.finish_reason ?? metadata?.stop_reason;
      const response: ModelResponse = {
        text: cutAtStop(textOfContent(result.content), stops).text,
        toolCalls,
        usage: { inputTokens: result.usage_metadata?.input_tokens ?? 0, outputTokens: result.usage_metadata?.output_tokens ?? 0 },
      };
      if (typeof finish === "string") response.finishReason = finish;
      return response;
    },
  };
}

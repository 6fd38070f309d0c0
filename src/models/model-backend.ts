import type { Usage } from "../state/trajectory.js";
import type { ModelMessage, ToolCallRequest } from "./messages.js";

/** A tool as offered to a model with native tool calling: name, description, JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** What a backend is asked to do: continue a conversation. */
export interface ModelRequest {
  messages: ModelMessage[];
  /** Tools for native tool calling; absent when the dialect describes tools in the prompt. */
  tools?: ToolSpec[];
  /** Generation stops before any of these strings (the R1V4 dialect stops at `</tool_call>`). */
  stop?: string[];
  temperature?: number;
  maxTokens?: number;
  /** Nucleus sampling (`top_p`), where the backend supports it. */
  topP?: number;
  /**
   * Continue the final (assistant) message instead of starting a new one: vLLM's and SGLang's
   * `continue_final_message` with no generation prompt. Backends that cannot continue a message refuse
   * the request (`config_invalid`) rather than answer something else.
   */
  continueFinalMessage?: boolean;
  /** Aborts the call; backends must honour it. */
  signal?: AbortSignal;
  /**
   * When set, a backend that can stream calls it with each piece of the reply's text as it is
   * generated (the pieces joined are the reply's `text`, up to redaction of secrets); one that
   * cannot ignores it. Streaming changes nothing else: `generate` still returns the whole reply.
   */
  onTextDelta?: (delta: string) => void;
}

/** What a backend answers: text and/or native tool calls, with token usage. */
export interface ModelResponse {
  text: string;
  toolCalls: ToolCallRequest[];
  usage: Usage;
  /** Why generation ended, as the provider said it (`stop`, `length`, `tool_calls`, ...). */
  finishReason?: string;
}

/**
 * The model extension point, version `v1`: one method that continues a conversation. Failures
 * are `InterleafError`s with code `model_failed` and `retryable` set for 408/409/429/5xx and
 * timeouts.
 *
 * Ready adapters: `langchainModel` (any LangChain chat model, native tool calling),
 * `openAICompatibleModel` (vLLM, SGLang, OpenRouter, the Skywork API) and `scriptedModel` in
 * `interleaf/testing`.
 *
 * @example
 * ```ts
 * import type { ModelBackend } from "interleaf";
 *
 * const echo: ModelBackend = {
 *   specificationVersion: "v1",
 *   provider: "example",
 *   modelId: "echo",
 *   async generate() {
 *     return { text: "<think>done</think><answer>42</answer>", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } };
 *   },
 * };
 * ```
 */
export interface ModelBackend {
  readonly specificationVersion: "v1";
  /** Who serves the model (`openai-compatible`, `langchain`, `scripted`, ...). */
  readonly provider: string;
  /** The model's id as its provider names it. */
  readonly modelId: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
}

import { InterleafError } from "../errors/index.js";
import type { ModelBackend, ModelRequest, ModelResponse } from "../models/model-backend.js";
import { plural } from "../util/plural.js";

/**
 * A scripted turn: raw assistant text, a full response, an `Error` the call throws (to test
 * failures and retries), or a function of the request returning any of these.
 */
export type ScriptedTurn = string | Partial<ModelResponse> | Error | ((request: ModelRequest, turn: number) => string | Partial<ModelResponse> | Error | Promise<string | Partial<ModelResponse> | Error>);

/** Options for {@link scriptedModel}. */
export interface ScriptedModelOptions {
  /**
   * How the turn number of a request is found:
   * - `conversation` (default): the number of assistant messages already in the request, so the
   *   N-th model turn of a thread gets entry N even across resumes, forks and replays;
   * - `sequential`: calls are numbered in the order they arrive.
   */
  turnIndex?: "conversation" | "sequential";
  modelId?: string;
  /**
   * When a request asks for the text as it is generated (`onTextDelta`, e.g. a run with
   * `tokens: true`), each turn's text is passed on in pieces of this many characters. Default 8.
   */
  chunkChars?: number;
}

/** A scripted model: a {@link ModelBackend} that also records every call it got. */
export interface ScriptedModel extends ModelBackend {
  /** Every request, in order, with the turn number it was served as. */
  readonly calls: { request: ModelRequest; turn: number }[];
}

/**
 * A model backend that plays a script: for tests, demos and replays. Turns are raw assistant
 * outputs in the agent's dialect (or full responses with native tool calls), or a function.
 * A request past the end of the script fails with a clear error, never a made-up turn. Asked to
 * stream (`onTextDelta`), it passes each turn's text on in pieces (see `chunkChars`).
 *
 * @example
 * ```ts
 * import { scriptedModel } from "interleaf/testing";
 *
 * const model = scriptedModel([
 *   '<think>Zoom on the sign.</think><tool_call>{"name": "zoom", "arguments": {"bbox_2d": [10, 10, 200, 120]}}</tool_call>',
 *   "<think>It reads OPEN.</think><answer>OPEN</answer>",
 * ]);
 * const reply = await model.generate({ messages: [] });
 * console.log(reply.text.startsWith("<think>Zoom"), model.calls.length); // true 1
 * ```
 */
export function scriptedModel(turns: readonly ScriptedTurn[] | ((request: ModelRequest, turn: number) => string | Partial<ModelResponse> | Error | Promise<string | Partial<ModelResponse> | Error>), options: ScriptedModelOptions = {}): ScriptedModel {
  const calls: { request: ModelRequest; turn: number }[] = [];
  const mode = options.turnIndex ?? "conversation";
  return {
    specificationVersion: "v1",
    provider: "scripted",
    modelId: options.modelId ?? "script",
    calls,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      request.signal?.throwIfAborted();
      const turn = mode === "sequential" ? calls.length : request.messages.filter((m) => m.role === "assistant").length;
      calls.push({ request, turn });
      let entry: ScriptedTurn | undefined = typeof turns === "function" ? turns : turns[turn];
      if (entry === undefined) {
        throw new InterleafError("model_failed", `the script has ${plural(Array.isArray(turns) ? turns.length : 0, "turn")}; turn ${turn + 1} was requested`);
      }
      if (typeof entry === "function") entry = await entry(request, turn);
      if (entry instanceof Error) throw entry;
      const response = typeof entry === "string" ? { text: entry } : entry;
      const size = Math.max(1, options.chunkChars ?? 8);
      const text = response.text ?? "";
      if (request.onTextDelta) for (let at = 0; at < text.length; at += size) request.onTextDelta(text.slice(at, at + size));
      return {
        text: response.text ?? "",
        toolCalls: response.toolCalls ?? [],
        usage: response.usage ?? { inputTokens: 0, outputTokens: 0 },
        ...(response.finishReason ? { finishReason: response.finishReason } : {}),
      };
    },
  };
}

import type { CoordinateConvention } from "../images/coordinates.js";
import type { Dialect } from "./dialect.js";
import { r1v4SystemPrompt } from "./r1v4-system-prompt.js";
import { asList, codeArgument, imageListArgument, listArgument } from "./text-protocol/tag-bodies.js";
import { textProtocolDialect } from "./text-protocol/text-protocol-dialect.js";
import { resolveTextProtocolOptions, type ResolvedTextProtocolOptions, type TextProtocolOptions } from "./text-protocol/text-protocol-options.js";

/** Options for {@link r1v4Dialect}. */
export interface R1V4DialectOptions {
  /** Whether a turn without `<think>` is malformed. Default true (R1V4 was trained to always reason first). */
  requireThink?: boolean;
  /** Render results of the `code` tool as `{"result": ..., "type": "code"}`, as in R1V4's data. Default true. */
  codeResultsAsJson?: boolean;
  /** How the model writes boxes. Default `pixels` (absolute pixels of the original image). */
  coordinates?: CoordinateConvention;
}

/** The settings of the R1V4 text protocol, for building variants with {@link textProtocolDialect}. */
export function r1v4Options(options: R1V4DialectOptions = {}): TextProtocolOptions {
  const codeAsJson = options.codeResultsAsJson ?? true;
  return {
    name: "r1v4",
    thinkTag: "think",
    answerTag: "answer",
    resultTag: "observation",
    toolCallTag: "tool_call",
    coordinates: options.coordinates ?? "pixels",
    requireThink: options.requireThink ?? true,
    stop: ["</tool_call>"],
    aliases: [{ name: "web_content", tool: "web_visit", mapArguments: ({ url, urls, ...rest }) => ({ ...rest, urls: [...asList(urls), ...asList(url)] }) }],
    tags: [
      { tag: "text_search", tool: "text_search", toArguments: listArgument("queries", "search query") },
      { tag: "image_search", tool: "image_search", toArguments: imageListArgument("image_paths") },
      { tag: "web_content", tool: "web_visit", toArguments: listArgument("urls", "URL to visit") },
      { tag: "web_visit", tool: "web_visit", toArguments: listArgument("urls", "URL to visit") },
      { tag: "code", tool: "code", toArguments: codeArgument },
    ],
    renderResult: (call, text) => (codeAsJson && call.name === "code" ? JSON.stringify({ result: text, type: "code" }) : text),
    systemPrompt: ({ registry }) => r1v4SystemPrompt(registry),
  };
}

/**
 * The Skywork-R1V4 dialect: `<think>…</think>` then one `<tool_call>{"name", "arguments"}</tool_call>`
 * or `<answer>…</answer>`; results come back in `<observation>…</observation>`; generation stops at
 * `</tool_call>`. Also reads the older bare tags (`<text_search>`, `<image_search>`,
 * `<web_content>`, `<code>`) and the tool name `web_content` for `web_visit`.
 *
 * @example
 * ```ts
 * import { r1v4Dialect, ToolRegistry } from "interleaf";
 *
 * const turn = r1v4Dialect().parseTurn(
 *   { text: "<think>The sign is readable.</think><answer>STOP</answer>", toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } },
 *   new ToolRegistry(),
 * );
 * console.log(turn.kind); // "answer"
 * ```
 */
export function r1v4Dialect(options: R1V4DialectOptions = {}): Dialect {
  return textProtocolDialect(r1v4Options(options));
}

/** The R1V4 settings with defaults filled, for parsing recorded traces. */
export function resolvedR1V4Options(): ResolvedTextProtocolOptions {
  return resolveTextProtocolOptions(r1v4Options({ requireThink: false }));
}

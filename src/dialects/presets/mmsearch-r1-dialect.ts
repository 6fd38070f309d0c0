import type { Dialect } from "../dialect.js";
import { listArgument } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The MMSearch-R1 dialect: reasoning in `<reason>`, `<search><img></search>` for an image search
 * of the original image, `<text_search>query</text_search>` for a text search; results in
 * `<information>`.
 *
 * @example
 * ```ts
 * import { mmsearchR1Dialect } from "interleaf";
 *
 * console.log(mmsearchR1Dialect().name); // "mmsearch-r1"
 * ```
 */
export function mmsearchR1Dialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "mmsearch-r1",
    thinkTag: "reason",
    resultTag: "information",
    toolCallTag: null,
    requireThink: options.requireThink ?? true,
    stop: ["</search>", "</text_search>"],
    tags: [
      {
        tag: "search",
        tool: "image_search",
        toArguments: () => ({ ok: true, value: { image_paths: ["original image"] } }),
        format: "<search><img></search>",
        description: "Searches the web with the original image and returns matching pages.",
      },
      {
        tag: "text_search",
        tool: "text_search",
        toArguments: listArgument("queries", "search query"),
        format: "<text_search>your query</text_search>",
        description: "Searches the web with a text query.",
      },
    ],
    intro: "You are a helpful assistant that can search the web. Search only when you lack the knowledge to answer.",
  });
}

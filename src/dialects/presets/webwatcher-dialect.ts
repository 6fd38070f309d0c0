import type { Dialect } from "../dialect.js";
import { asList } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";

/**
 * The WebWatcher dialect: `<tool_call>` JSON with its own tool names, run as the agent's tools:
 * `web_search{queries}` → `text_search`, `VLSearchImage{images}` → `image_search{image_paths}`,
 * `visit{url, goal}` → `web_visit{urls, goal}`, `code_interpreter{code}` → `code`; results in
 * `<tool_response>`.
 *
 * @example
 * ```ts
 * import { webwatcherDialect } from "interleaf";
 *
 * console.log(webwatcherDialect().name); // "webwatcher"
 * ```
 */
export function webwatcherDialect(options: PresetDialectOptions = {}): Dialect {
  return textProtocolDialect({
    name: "webwatcher",
    resultTag: "tool_response",
    toolCallTag: "tool_call",
    requireThink: options.requireThink ?? true,
    aliases: [
      {
        name: "web_search",
        tool: "text_search",
        mapArguments: ({ queries, query, ...rest }) => ({ ...rest, queries: [...asList(queries), ...asList(query)] }),
        description: "Searches the web; returns titles, links and snippets for each query.",
        example: { queries: ["first query", "second query"] },
      },
      {
        name: "VLSearchImage",
        tool: "image_search",
        mapArguments: ({ images, image, ...rest }) => ({ ...rest, image_paths: [...asList(images), ...asList(image)] }),
        description: "Reverse image search: finds web pages showing the given images.",
        example: { images: ["original image"] },
      },
      {
        name: "visit",
        tool: "web_visit",
        mapArguments: ({ url, urls, goal }) => ({ urls: [...asList(url), ...asList(urls)], ...(goal === undefined ? {} : { goal }) }),
        description: "Visits web pages and returns what they say about the goal.",
        example: { url: ["https://example.org/page"], goal: "what to look for on the page" },
      },
      {
        name: "code_interpreter",
        tool: "code",
        description: "Runs Python code and returns its output.",
        example: { code: "print(1 + 1)" },
      },
    ],
    intro: "You are a web research agent that sees images. Search, visit pages and run code until you can answer the question with evidence.",
  });
}

import { text, type ContentPart } from "../../models/messages.js";
import type { Dialect } from "../dialect.js";
import { asList } from "../text-protocol/tag-bodies.js";
import { textProtocolDialect } from "../text-protocol/text-protocol-dialect.js";
import type { PresetDialectOptions } from "./preset-options.js";
import { WEBWATCHER_RETRY, WEBWATCHER_SYSTEM_PROMPT, WEBWATCHER_USER_PROMPT } from "./webwatcher-prompts.js";

/**
 * The WebWatcher dialect, as its released evaluation loop (`agent_eval.py`) speaks it: its system
 * prompt and tool prompt verbatim, the question and the input image's URL in the text, then the
 * image; results as `<tool_response>…</tool_response>` (image-search results with their images
 * first); "please use valid tool or answer the question." after an unusable turn; temperature 0.6
 * and no stop string. `<tool_call>` JSON with its tool names runs the agent's tools:
 * `web_search{queries}` → `text_search`, `VLSearchImage{image_urls}` → `image_search` (the URL
 * shown for the input image names that image), `visit{url, goal}` → `web_visit{urls, goal}`,
 * `code_interpreter` / `PythonInterpreter{code}` → `code`.
 *
 * @example
 * ```ts
 * import { webwatcherDialect } from "interleaf";
 *
 * console.log(webwatcherDialect().name); // "webwatcher"
 * ```
 */
export function webwatcherDialect(options: PresetDialectOptions = {}): Dialect {
  const shownUrl = options.imageUrl ?? "original image";
  const imageNames = ({ image_urls, images, image, ...rest }: Record<string, unknown>) => ({
    ...rest,
    image_paths: [...asList(image_urls), ...asList(images), ...asList(image)].map((name) => (name === shownUrl ? "original image" : name)),
  });
  const code = { tool: "code", mapArguments: ({ code: body }: Record<string, unknown>) => ({ code: body }) };
  return textProtocolDialect({
    name: "webwatcher",
    resultTag: "tool_response",
    toolCallTag: "tool_call",
    requireThink: options.requireThink ?? true,
    stop: [],
    sampling: { temperature: 0.6, topP: 0.95 },
    aliases: [
      { name: "web_search", tool: "text_search", mapArguments: ({ queries, query, ...rest }) => ({ ...rest, queries: [...asList(queries), ...asList(query)] }) },
      { name: "VLSearchImage", tool: "image_search", mapArguments: imageNames },
      { name: "visit", tool: "web_visit", mapArguments: ({ url, urls, goal }) => ({ urls: [...asList(url), ...asList(urls)], ...(goal === undefined ? {} : { goal }) }) },
      { name: "code_interpreter", ...code },
      { name: "PythonInterpreter", ...code },
    ],
    systemPrompt: () => WEBWATCHER_SYSTEM_PROMPT,
    firstUserContent: (question, images) => [text(WEBWATCHER_USER_PROMPT.replace("{Image_url}", shownUrl).replace("{Question}", question)), ...images],
    observationContent: ({ step, texts, images }) => {
      const body = texts.join("\n");
      if (step.calls.some((call) => call.name === "image_search")) {
        const parts: ContentPart[] = [text("<tool_response>"), ...images, text(body), text("</tool_response>")];
        return parts;
      }
      return [text(`<tool_response>${body}</tool_response>`)];
    },
    malformedContent: () => [text(WEBWATCHER_RETRY)],
  });
}

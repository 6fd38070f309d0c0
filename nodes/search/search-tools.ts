import type { AnyTool } from "../../src/tools/tool.js";
import { imageSearchTool, type ImageSearchToolOptions } from "./image-search-tool.js";
import { textSearchTool, type TextSearchToolOptions } from "./text-search-tool.js";
import { webVisitTool, type WebVisitToolOptions } from "./web-visit-tool.js";

/** Options for {@link searchTools}: one entry per tool wanted; shared settings apply to all. */
export interface SearchToolsOptions {
  text?: TextSearchToolOptions;
  image?: ImageSearchToolOptions;
  visit?: WebVisitToolOptions;
}

/**
 * The deep-research tools of R1V4 (`text_search`, `image_search`, `web_visit`), for those whose
 * options are given, ready for a `ToolRegistry`.
 *
 * @example
 * ```ts
 * import { ToolRegistry } from "interleaf";
 * import { searchSetupFromSpec } from "interleaf/search";
 * import { searchTools } from "interleaf/nodes";
 *
 * const setup = await searchSetupFromSpec("local:.interleaf/index");
 * const tools = new ToolRegistry(searchTools({
 *   text: { backend: setup.search },
 *   ...(setup.imageSearch ? { image: { backend: setup.imageSearch } } : {}),
 *   visit: { fetcher: setup.fetcher },
 * }));
 * console.log(tools.names());
 * ```
 */
export function searchTools(options: SearchToolsOptions): AnyTool[] {
  const tools: AnyTool[] = [];
  if (options.text) tools.push(textSearchTool(options.text));
  if (options.image) tools.push(imageSearchTool(options.image));
  if (options.visit) tools.push(webVisitTool(options.visit));
  return tools;
}

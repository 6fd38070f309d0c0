import { type AnyTool, type CodeSandbox, type ModelBackend } from "../src/index.js";
import { createLocalSandbox } from "../src/sandbox/local-sandbox.js";
import { modelSummarizer } from "../src/search/summarizer.js";
import { type SearchSetup } from "../src/search/search-spec.js";
import { InterleafError } from "../src/index.js";
import { codeTool, searchTools, visualTools, type VisualToolOptions } from "../nodes/index.js";
import type { AgentMode } from "./agent-modes.js";

/** What {@link defaultTools} builds the tool set from. */
export interface DefaultToolsOptions {
  /** `general`: visual operations and the code tool; `deepresearch`: those and search. */
  mode: AgentMode;
  /** The search backends (required in `deepresearch` mode). */
  search?: SearchSetup;
  /** Summarises long web pages for `web_visit` (R1V4 used a second model). */
  summarizer?: ModelBackend;
  /** Where model-written code runs; default the local bubblewrap sandbox. */
  sandbox?: CodeSandbox;
  /** Settings of the visual operations (minimum crop, zoom floor, pixel limit, ...). */
  visual?: VisualToolOptions;
}

/**
 * The tools of R1V4's modes: `general` thinks with images (crop, zoom, rotate, enhance, annotate,
 * measure, and model-written code in a sandbox); `deepresearch` adds text search, reverse image
 * search and web visits.
 *
 * @example
 * ```ts
 * import { defaultTools } from "interleaf/graphs";
 *
 * const tools = defaultTools({ mode: "general" });
 * console.log(tools.map((tool) => tool.name).includes("zoom")); // true
 * ```
 */
export function defaultTools(options: DefaultToolsOptions): AnyTool[] {
  const tools: AnyTool[] = [...visualTools(options.visual ?? {}), codeTool({ sandbox: options.sandbox ?? createLocalSandbox() })];
  if (options.mode === "deepresearch") {
    const search = options.search;
    if (!search) throw new InterleafError("config_invalid", "deepresearch mode needs search backends: pass `search` (see searchSetupFromSpec)");
    tools.push(
      ...searchTools({
        text: { backend: search.search },
        ...(search.imageSearch ? { image: { backend: search.imageSearch } } : {}),
        visit: { fetcher: search.fetcher, ...(options.summarizer ? { summarizer: modelSummarizer(options.summarizer) } : {}) },
      }),
    );
  }
  return tools;
}

import { z } from "zod";
import { InterleafError } from "../src/errors/index.js";
import { defineTool, type AnyTool } from "../src/tools/tool.js";

const list = (description: string) => z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string()).min(1)).describe(description);

function planningOnly(name: string): never {
  throw new InterleafError("config_invalid", `${name} is a planning description, not a runnable tool; run plans with the agent's real tools (interleaf run --plan)`);
}

/**
 * R1V4's deep-research tools as the planner sees them (names, descriptions, parameter schemas),
 * for planning without building the search backends: `interleaf plan` offers them in deepresearch
 * mode when there is no search backend. They cannot run.
 */
export function r1v4PlanningTools(): AnyTool[] {
  return [
    defineTool({ name: "image_search", description: "Reverse image search (Google Lens style) on the original image or a crop; returns visual matches {title, link, image}.", input: z.object({ image_paths: list("images by name") }), execute: async () => planningOnly("image_search") }),
    defineTool({ name: "text_search", description: "Web search; returns {title, url, snippet} per query.", input: z.object({ queries: list("search queries") }), execute: async () => planningOnly("text_search") }),
    defineTool({ name: "web_visit", description: "Reads web pages (long pages are summarised for the question).", input: z.object({ urls: list("page URLs"), goal: z.string().optional() }), execute: async () => planningOnly("web_visit") }),
    defineTool({ name: "code", description: "Runs Python on the image (crop, zoom, rotate, enhance, measure) and returns the output and saved images.", input: z.object({ code: z.string() }), execute: async () => planningOnly("code") }),
  ];
}

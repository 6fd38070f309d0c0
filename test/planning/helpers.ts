import { fileURLToPath } from "node:url";
import { z } from "zod";
import { defineTool, InterleafError, type AnyTool } from "interleaf";

export const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

/** A log of tool executions, in the order they started and finished. */
export type Log = string[];

/** Hooks that let a test hold a tool until another has started (no sleeps). */
export interface ToolHooks {
  /** Called when a call starts; the call waits for the returned promise. */
  onStart?: (name: string, input: unknown) => Promise<void> | void;
  /** Makes a call fail. */
  fail?: (name: string, input: unknown) => string | undefined;
}

const list = (description: string) => z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(z.array(z.string()).min(1)).describe(description);

/**
 * R1V4's search tools with their real names and schemas over a small in-memory web: results
 * are looked up, not invented, and every execution is logged.
 */
export function searchWeb(pages: { text: Record<string, string>; image: Record<string, string>; visit: Record<string, string> }, log: Log = [], hooks: ToolHooks = {}): AnyTool[] {
  const run = async (name: string, input: unknown, body: () => string) => {
    log.push(`start ${name} ${JSON.stringify(input)}`);
    await hooks.onStart?.(name, input);
    const failure = hooks.fail?.(name, input);
    if (failure) {
      log.push(`fail ${name}`);
      throw new InterleafError("search_failed", failure, { retryable: true });
    }
    const text = body();
    log.push(`end ${name}`);
    return { text };
  };
  return [
    defineTool({
      name: "text_search",
      description: "Searches the web for each query.",
      input: z.object({ queries: list("search queries") }),
      execute: ({ queries }) => run("text_search", queries, () => queries.map((q) => `Results for "${q}":\n${pages.text[q] ?? "No results."}`).join("\n\n")),
    }),
    defineTool({
      name: "image_search",
      description: "Reverse image search (Lens style).",
      input: z.object({ image_paths: list("images by name") }),
      execute: ({ image_paths }, context) =>
        run("image_search", image_paths, () =>
          image_paths.map((p) => {
            const ref = context.gallery.resolve(p);
            return `Visual matches for ${p} (${ref.width}×${ref.height}):\n${pages.image[p] ?? "No results."}`;
          }).join("\n\n"),
        ),
    }),
    defineTool({
      name: "web_visit",
      description: "Reads web pages.",
      input: z.object({ urls: list("page URLs"), goal: z.string().optional() }),
      execute: ({ urls }) => run("web_visit", urls, () => urls.map((u) => `Content of ${u}:\n${pages.visit[u] ?? "No results."}`).join("\n\n")),
    }),
  ];
}

/** The small web the tests search. */
export const WEB = {
  image: { "original image": '1. {"title": "Tokyo Tower at dusk", "link": "https://example.org/tokyo-tower"}' },
  text: {
    "Tokyo Tower height": '1. {"title": "Tokyo Tower - facts", "url": "https://example.org/tower-facts", "snippet": "Tokyo Tower is 333 metres tall."}',
    "Tokyo Tower architect": '1. {"title": "Tachū Naitō", "url": "https://example.org/naito", "snippet": "Designed by Tachū Naitō."}',
  },
  visit: {
    "https://example.org/tower-facts": "Tokyo Tower, completed in 1958, is 333 metres tall.",
    "https://example.org/naito": "Tachū Naitō designed Tokyo Tower.",
  },
};

/** R1V4's plan example shape (§3 of the reference): singular parameters, placeholders, a closing none step. */
export const PAPER_PLAN = [
  { description: "Identify the landmark in the image with a reverse image search.", tool_name: "image_search", parameters: { image_path: "original image" } },
  { description: "Search the height of [Landmark identified in Step 1].", tool_name: "text_search", parameters: { query: "[Landmark identified in Step 1] height" } },
  { description: "Search who designed [Landmark identified in Step 1].", tool_name: "text_search", parameters: { query: "[Landmark identified in Step 1] architect" } },
  { description: "Read the page found in Step 2 to confirm the height.", tool_name: "web_visit", parameters: { url: "[URL of the facts page from Step 2]" } },
  { description: "Verify the height and the designer from Steps 2-4 and answer.", tool_name: "none", parameters: {} },
];

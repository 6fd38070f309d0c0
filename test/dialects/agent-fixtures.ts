import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ToolRegistry, defineTool, type ImageRef, type ToolCallRecord, type TrajectoryStep } from "interleaf";
import { BoxSchema, ImageGallery, ingestImage } from "interleaf/images";
import { MemoryImageStore } from "interleaf/storage";

const FIXTURES = new URL("../fixtures/images/", import.meta.url);

/** Tools with the argument shapes of the R1V4 tool set; the dialects only read names and schemas. */
function answerWith(text: string) {
  return async () => ({ text });
}

export const zoom = defineTool({
  name: "zoom",
  description: "Crops a box of an image and returns it enlarged.",
  input: z.object({ bbox_2d: BoxSchema, image: z.string().optional() }),
  execute: answerWith("zoomed"),
});
export const textSearch = defineTool({
  name: "text_search",
  description: "Searches the web for text queries.",
  input: z.object({ queries: z.array(z.string()).min(1) }),
  example: { queries: ["Skywork R1V4 release date"] },
  execute: answerWith("results"),
});
export const imageSearch = defineTool({
  name: "image_search",
  description: "Reverse image search for the named images.",
  input: z.object({ image_paths: z.array(z.string()).min(1) }),
  execute: answerWith("matches"),
});
export const webVisit = defineTool({
  name: "web_visit",
  description: "Reads web pages and summarises them.",
  input: z.object({ urls: z.array(z.string()).min(1), goal: z.string().optional() }),
  execute: answerWith("page"),
});
export const code = defineTool({
  name: "code",
  description: "Runs Python code in a sandbox.",
  input: z.object({ code: z.string() }),
  execute: answerWith("ran"),
});

export const allTools = new ToolRegistry([zoom, textSearch, imageSearch, webVisit, code]);

/** Real images: the original and two produced ones, in a gallery as the executor keeps it. */
export async function loadImages(): Promise<{ store: MemoryImageStore; original: ImageRef; crops: ImageRef[]; gallery: ImageGallery }> {
  const store = new MemoryImageStore();
  const original = await ingestImage(store, await readFile(new URL("r1v4_demo_5.jpg", FIXTURES)));
  const crop1 = await ingestImage(store, await readFile(new URL("nba.png", FIXTURES)), { provenance: { parent: original, op: { name: "crop", params: {} } } });
  const crop2 = await ingestImage(store, await readFile(new URL("animate_glass.jpg", FIXTURES)), { provenance: { parent: original, op: { name: "crop", params: {} } } });
  return { store, original, crops: [crop1, crop2], gallery: new ImageGallery([original], [crop1, crop2]) };
}

let clock = 1_700_000_000_000;

/** A tool call record as the executor writes it. */
export function callRecord(id: string, name: string, args: unknown, text: string, images: ImageRef[] = [], error?: ToolCallRecord["observation"]["error"]): ToolCallRecord {
  const observation: ToolCallRecord["observation"] = { text, images };
  if (error) observation.error = error;
  return { id, name, arguments: args, observation, startedAt: clock++, durationMs: 5 };
}

/** A finished step as the executor writes it. */
export function step(index: number, fields: Partial<TrajectoryStep> & Pick<TrajectoryStep, "kind">): TrajectoryStep {
  return {
    index,
    thought: "",
    raw: "",
    calls: [],
    usage: { inputTokens: 10, outputTokens: 5 },
    model: { id: "test", startedAt: clock++, durationMs: 3 },
    ...fields,
  };
}

/** A model response with only text. */
export function said(text: string) {
  return { text, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } };
}

import type { z } from "zod";
import type { CoordinateConvention, Box } from "../images/coordinates.js";
import type { ImageGallery } from "../images/gallery.js";
import type { ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";
import type { ResultCache } from "../storage/result-cache.js";

/** What a tool gives back to the model: text, produced images, and optional structured data. */
export interface ToolOutput {
  text: string;
  images?: ImageRef[];
  data?: unknown;
}

/** Everything a tool may use while it runs. Built by the executor for every call. */
export interface ToolContext {
  /** Aborted when the run is cancelled or the call times out. */
  signal: AbortSignal;
  /** Where image bytes live. */
  images: ImageStore;
  /** Durable cache beside the checkpoints (paid results, journals). */
  cache: ResultCache;
  /** The images the model has seen, by label; resolves a tool's `image` argument. */
  gallery: ImageGallery;
  /** How the model writes boxes (a setting of the dialect). */
  coordinates: CoordinateConvention;
  /**
   * Converts a box the model wrote about `image` to absolute pixels of `image`, taking the
   * convention and the size the model saw the image at into account.
   */
  toPixels(box: Box, image: ImageRef): Box;
  /** The question of the run (search tools condition summaries on it). */
  question: string;
  /** The id of this call, stable across resumes. */
  callId: string;
  /** The current time in ms (injected: tests and replays control it). */
  now(): number;
}

/**
 * A tool: a name, a description, a zod input schema and an `execute` function. The executor
 * parses the model's arguments with `input` first; a failure is an error observation, so
 * `execute` always receives typed input. Throw `InterleafError`s for failures: they become
 * observations the model can react to.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { defineTool } from "interleaf";
 *
 * const clock = defineTool({
 *   name: "clock",
 *   description: "Tells the current time in ISO 8601.",
 *   input: z.object({}),
 *   async execute(_input, context) {
 *     return { text: new Date(context.now()).toISOString() };
 *   },
 * });
 * ```
 */
export interface Tool<Input extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly input: Input;
  /** An example of arguments, shown in text-protocol prompts. */
  readonly example?: Record<string, unknown>;
  execute(input: z.output<Input>, context: ToolContext): Promise<ToolOutput>;
}

/** Any tool, whatever its input type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = Tool<any>;

/** Declares a tool with its input type inferred from the schema. */
export function defineTool<Input extends z.ZodType>(tool: Tool<Input>): Tool<Input> {
  return tool;
}

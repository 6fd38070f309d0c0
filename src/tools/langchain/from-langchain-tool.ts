import { ToolMessage } from "@langchain/core/messages";
import { toJsonSchema } from "@langchain/core/utils/json_schema";
import { z } from "zod";
import { InterleafError } from "../../errors/index.js";
import type { ImageRef } from "../../images/image-ref.js";
import type { ImageStore } from "../../images/image-store.js";
import { ingestImage } from "../../images/ingest.js";
import type { Tool, ToolContext, ToolOutput } from "../tool.js";

/** Options for {@link fromLangChainTool}. */
export interface FromLangChainToolOptions {
  /** The name the model calls it by. Default: the LangChain tool's name in snake_case (`TavilySearch` → `tavily_search`). */
  name?: string;
  /** What the model reads about it. Default: the LangChain tool's description. */
  description?: string;
}

/**
 * What {@link fromLangChainTool} uses of a LangChain tool: a `tool()`, a `StructuredTool` or a
 * `DynamicStructuredTool` (`@langchain/core` 1.x) has it all.
 */
export interface LangChainTool {
  name: string;
  description: string;
  /** A zod (4 or 3) schema, a JSON Schema or a Standard Schema. */
  schema: unknown;
  invoke(input: { id: string; name: string; args: Record<string, unknown>; type: "tool_call" }, config?: { signal?: AbortSignal }): Promise<unknown>;
}

/**
 * Makes a LangChain tool (`tool()`, `StructuredTool`, `DynamicStructuredTool`, e.g. `TavilySearch`
 * from `@langchain/tavily`) an interleaf tool. Its schema becomes the tool's input (a zod 4 schema
 * as it is; a zod 3 or JSON schema through JSON Schema), so interleaf checks the model's arguments
 * and offers the tool to native tool calling as usual. Each call invokes the tool with a LangChain
 * tool call (its id is the interleaf call's id) and the run's abort signal, and reads what it gives
 * back: text as the observation, image content blocks (base64 or data URLs) stored as produced
 * images, a `content_and_artifact` tool's artifact as the observation's `data`. Failures are error
 * observations the model reads (`tool_failed`): a thrown error, a `ToolMessage` with status
 * `error`, and a result that is nothing but `{ error: "…" }` (as `TavilySearch` reports failures).
 *
 * @example
 * ```ts
 * import { tool } from "@langchain/core/tools";
 * import { z } from "zod";
 * import { fromLangChainTool } from "interleaf/langchain";
 *
 * const add = tool(async ({ a, b }) => String(a + b), {
 *   name: "add",
 *   description: "Adds two numbers.",
 *   schema: z.object({ a: z.number(), b: z.number() }),
 * });
 * const adding = fromLangChainTool(add); // give it to createGraphAgent({ tools: [adding] })
 * console.log(adding.name); // "add"
 * ```
 */
export function fromLangChainTool(lcTool: LangChainTool, options: FromLangChainToolOptions = {}): Tool {
  if (typeof lcTool?.invoke !== "function") {
    throw new InterleafError("config_invalid", "fromLangChainTool needs a LangChain tool (tool(), StructuredTool, DynamicStructuredTool): this value has no invoke method");
  }
  const name = options.name ?? snakeCase(lcTool.name);
  return {
    name,
    description: options.description ?? lcTool.description,
    input: inputSchema(lcTool, name),
    async execute(input: unknown, context: ToolContext): Promise<ToolOutput> {
      const result: unknown = await lcTool.invoke({ id: context.callId, name: lcTool.name, args: input as Record<string, unknown>, type: "tool_call" }, { signal: context.signal });
      return readResult(result, name, context.images);
    },
  };
}

/** The tool's schema as a zod 4 schema: as it is, or rebuilt from its JSON Schema (zod 3, JSON Schema, Standard Schema). */
function inputSchema(lcTool: LangChainTool, name: string): z.ZodType {
  const schema = lcTool.schema as unknown;
  if (typeof schema === "object" && schema !== null && "_zod" in schema) return schema as z.ZodType;
  try {
    const json = (isJsonSchema(schema) ? schema : toJsonSchema(schema as Parameters<typeof toJsonSchema>[0])) as Record<string, unknown>;
    return z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (cause) {
    throw new InterleafError("config_invalid", `the schema of the LangChain tool "${name}" cannot be read as JSON Schema: ${(cause as Error).message}`, { cause });
  }
}

function isJsonSchema(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && !("_def" in schema) && !("~standard" in schema) && ("type" in schema || "properties" in schema || "anyOf" in schema);
}

/** `TavilySearch` → `tavily_search`, `get-weather` → `get_weather`. */
function snakeCase(text: string): string {
  return (
    text
      .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
      .replace(/[^A-Za-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .toLowerCase()
      .replace(/^(?=[0-9])/, "t_") || "tool"
  );
}

/** What the LangChain tool gave back, as an interleaf observation. */
async function readResult(result: unknown, name: string, images: ImageStore): Promise<ToolOutput> {
  const message = ToolMessage.isInstance(result) ? result : undefined;
  const content: unknown = message ? message.content : result;
  const { text, produced } = await readContent(content, images);
  if (message?.status === "error") throw new InterleafError("tool_failed", `${name} failed: ${text}`, { details: { tool: name } });
  // LangChain gives an object result as its JSON text.
  const object = typeof content === "string" && content.startsWith("{") ? parseJson(content) : content;
  if (isErrorObject(object)) throw new InterleafError("tool_failed", `${name} failed: ${object.error}`, { details: { tool: name } });
  return { text, ...(produced.length > 0 ? { images: produced } : {}), ...(message?.artifact !== undefined ? { data: message.artifact as unknown } : {}) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isErrorObject(value: unknown): value is { error: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && typeof (value as { error?: unknown }).error === "string";
}

async function readContent(content: unknown, images: ImageStore): Promise<{ text: string; produced: ImageRef[] }> {
  if (typeof content === "string") return { text: content, produced: [] };
  if (!Array.isArray(content)) return { text: JSON.stringify(content) ?? "", produced: [] };
  const texts: string[] = [];
  const produced: ImageRef[] = [];
  for (const block of content as unknown[]) {
    if (typeof block === "string") texts.push(block);
    else if (isRecord(block) && block.type === "text" && typeof block.text === "string") texts.push(block.text);
    else {
      const bytes = imageBytes(block);
      if (bytes) produced.push(await ingestImage(images, bytes));
      else texts.push(JSON.stringify(block));
    }
  }
  return { text: texts.join("\n"), produced };
}

/** The bytes of an image content block with inline data (`source_type: "base64"`, v1 `data`, or an `image_url` data URL). */
function imageBytes(block: unknown): Uint8Array | undefined {
  if (!isRecord(block)) return undefined;
  let data: string | undefined;
  if (block.type === "image" && typeof block.data === "string") data = block.data;
  else if (block.type === "image" && typeof block.base64 === "string") data = block.base64;
  else if (block.type === "image_url") {
    const url = typeof block.image_url === "string" ? block.image_url : isRecord(block.image_url) ? block.image_url.url : undefined;
    if (typeof url === "string") data = url;
  }
  if (data === undefined) return undefined;
  const match = /^data:[^;,]*;base64,(.*)$/s.exec(data);
  if (data.startsWith("data:") && !match) return undefined;
  return new Uint8Array(Buffer.from(match ? match[1]! : data, "base64"));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

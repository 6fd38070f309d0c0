import { randomUUID } from "node:crypto";
import { tool as langchainTool, type DynamicStructuredTool } from "@langchain/core/tools";
import { createToolContext, type ToolContextOptions } from "../tool-context.js";
import type { AnyTool } from "../tool.js";

/**
 * What an interleaf tool runs with outside an interleaf agent (see {@link toLangChainTool}): the
 * image store its images come from and go to, the images the model was shown (so an `image`
 * argument such as "original image" resolves), the coordinate convention of the model, a cache.
 * The call id and the abort signal come from each LangChain call.
 */
export type LangChainToolRuntime = Omit<ToolContextOptions, "callId" | "signal">;

/**
 * Makes an interleaf tool a LangChain tool, for LangGraph's prebuilt `ToolNode` and
 * `createReactAgent` or any LangChain agent. Its zod schema and description carry over; a call
 * runs the tool with a context built from `runtime` (the call's id and abort signal included), and
 * answers with content blocks: the observation's text, then each produced image as a base64 image
 * block (`{ type: "image", source_type: "base64", mime_type, data }`, which LangChain's providers
 * convert). The observation's structured data is the tool message's `artifact`. Errors are thrown
 * as `InterleafError`s, which `ToolNode` turns into error tool messages.
 *
 * @example
 * ```ts
 * import { ToolNode } from "@langchain/langgraph/prebuilt";
 * import { zoomTool } from "interleaf/nodes";
 * import { toLangChainTool } from "interleaf/langchain";
 * import { MemoryImageStore } from "interleaf/storage";
 *
 * const images = new MemoryImageStore();
 * const tools = new ToolNode([toLangChainTool(zoomTool, { images })]);
 * ```
 */
export function toLangChainTool(tool: AnyTool, runtime: LangChainToolRuntime = {}): DynamicStructuredTool {
  const context = createToolContext(runtime);
  return langchainTool(
    async (input: unknown, config?: { signal?: AbortSignal; toolCall?: { id?: string } }) => {
      const call = createToolContext({
        ...runtime,
        images: context.images,
        cache: context.cache,
        gallery: context.gallery,
        callId: config?.toolCall?.id ?? randomUUID(),
        ...(config?.signal ? { signal: config.signal } : {}),
      });
      const output = await tool.execute(input, call);
      const blocks: Record<string, unknown>[] = [{ type: "text", text: output.text }];
      for (const ref of output.images ?? []) {
        const { bytes, mime } = await context.images.get(ref.id);
        blocks.push({ type: "image", source_type: "base64", mime_type: mime, data: Buffer.from(bytes).toString("base64") });
      }
      return [blocks, output.data ?? null];
    },
    { name: tool.name, description: tool.description, schema: tool.input, responseFormat: "content_and_artifact" },
  ) as unknown as DynamicStructuredTool;
}

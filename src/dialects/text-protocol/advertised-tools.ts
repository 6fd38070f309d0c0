import type { ToolRegistry } from "../../tools/tool-registry.js";
import { inlineJson } from "../inline-json.js";
import { memoByPair } from "../../util/memo-by-pair.js";
import { exampleFromSchema } from "../prompt-fragments.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";

/** A tool as a text-protocol prompt offers it: the name the model writes, what it does, one format line. */
export interface AdvertisedTool {
  name: string;
  description: string;
  format: string;
  /** Whether the model writes it as its own tag (`<code>`) rather than by name in a tool call. */
  viaTag: boolean;
}

/** The output-format line of a JSON tool call. */
export function toolCallLine(tag: string, name: string, args: Record<string, unknown>): string {
  return `<${tag}>${inlineJson({ name, arguments: args })}</${tag}>`;
}

/**
 * The tools a text-protocol prompt offers, in the model's terms: described aliases and tag
 * actions whose tool the agent has, then the agent's other tools under their own names (when the
 * dialect has JSON tool calls).
 */
export function advertisedTools(options: ResolvedTextProtocolOptions, registry: ToolRegistry): readonly AdvertisedTool[] {
  return advertisedByRegistry(registry, options);
}

// Options and registries never change once made: the list is worked out once per pair (once per
// run, not once per turn; a schema's example is the costly part).
const advertisedByRegistry = memoByPair((registry: ToolRegistry, options: ResolvedTextProtocolOptions): readonly AdvertisedTool[] => listAdvertisedTools(options, registry));

function listAdvertisedTools(options: ResolvedTextProtocolOptions, registry: ToolRegistry): AdvertisedTool[] {
  const out: AdvertisedTool[] = [];
  const covered = new Set<string>();
  const specs = new Map(registry.specs().map((spec) => [spec.name, spec]));
  const callTag = options.toolCallTag;
  if (callTag) {
    for (const alias of options.aliases) {
      if (alias.description === undefined || !registry.has(alias.tool)) continue;
      out.push({ name: alias.name, description: alias.description, format: toolCallLine(callTag, alias.name, alias.example ?? {}), viaTag: false });
      covered.add(alias.tool);
    }
  }
  for (const action of options.tags) {
    const tool = registry.get(action.tool);
    if (action.format === undefined || !tool) continue;
    out.push({ name: action.tag, description: action.description ?? tool.description, format: action.format, viaTag: true });
    covered.add(action.tool);
  }
  if (callTag) {
    for (const tool of registry.list()) {
      if (covered.has(tool.name)) continue;
      const example = tool.example ?? exampleFromSchema(specs.get(tool.name)?.parameters ?? {});
      out.push({ name: tool.name, description: tool.description, format: toolCallLine(callTag, tool.name, example), viaTag: false });
    }
  }
  return out;
}

/** Every tool name a model may use in this dialect, for "unknown tool" problems. */
export function knownToolNames(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string[] {
  const names = advertisedTools(options, registry).map((tool) => (tool.viaTag ? `<${tool.name}>` : tool.name));
  if (options.toolCallTag) names.push(...registry.names());
  return [...new Set(names)];
}

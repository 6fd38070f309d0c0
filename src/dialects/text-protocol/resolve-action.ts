import type { ToolRegistry } from "../../tools/tool-registry.js";
import { toArgumentObject, wrapSingleValues } from "../tool-arguments.js";
import { knownToolNames, toolCallLine } from "./advertised-tools.js";
import type { TaggedAction } from "./tagged-turn.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";

/** A tool call in the agent's terms: its tool's name and the arguments mapped for it. */
export interface ResolvedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** The outcome of {@link resolveAction}. */
export type ActionResolution = { ok: true; call: ResolvedCall } | { ok: false; problem: string };

/**
 * Turns one action of a turn into a call of the agent's tools: parses the JSON of a tool call,
 * follows aliases and tag actions, wraps single values where a list is expected. Without a
 * registry (parsing a recorded trace) tool names are not checked.
 */
export function resolveAction(action: TaggedAction, options: ResolvedTextProtocolOptions, registry?: ToolRegistry): ActionResolution {
  if (action.tag === options.toolCallTag) return resolveToolCall(action.body, options.toolCallTag, options, registry);
  const tagAction = options.tags.find((candidate) => candidate.tag === action.tag);
  if (!tagAction) return { ok: false, problem: `<${action.tag}> is not an action of this dialect` };
  if (registry && !registry.has(tagAction.tool)) {
    return { ok: false, problem: `<${action.tag}> asks for the tool "${tagAction.tool}", which this agent does not have; available tools: ${list(options, registry)}` };
  }
  const args = tagAction.toArguments(action.body);
  if (!args.ok) return { ok: false, problem: `<${action.tag}>: ${args.problem}` };
  return finish(tagAction.tool, args.value, registry);
}

function resolveToolCall(body: string, tag: string, options: ResolvedTextProtocolOptions, registry?: ToolRegistry): ActionResolution {
  const shape = () => `write ${toolCallLine(tag, "<tool name>", { "<argument>": "<value>" })}`;
  const parsed = options.readCallBody(body);
  if (!parsed.ok) return { ok: false, problem: `<${tag}> does not hold valid JSON: ${parsed.problem}; ${shape()}` };
  const value = parsed.value as { name?: unknown; arguments?: unknown; parameters?: unknown } | null;
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof value.name !== "string" || value.name.trim() === "") {
    return { ok: false, problem: `<${tag}> must hold a JSON object with a "name" and "arguments"; ${shape()}` };
  }
  const name = value.name.trim();
  const args = toArgumentObject(value.arguments ?? value.parameters);
  if (!args.ok) return { ok: false, problem: `tool "${name}": ${args.problem}` };
  if (registry?.has(name)) return finish(name, args.value, registry);
  const alias = options.aliases.find((candidate) => candidate.name === name) ?? options.aliases.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (alias) {
    if (registry && !registry.has(alias.tool)) {
      return { ok: false, problem: `"${name}" stands for the tool "${alias.tool}", which this agent does not have; available tools: ${list(options, registry)}` };
    }
    return finish(alias.tool, alias.mapArguments ? alias.mapArguments(args.value) : args.value, registry);
  }
  if (registry) return { ok: false, problem: `there is no tool "${name}"; available tools: ${list(options, registry)}` };
  return finish(name, args.value, registry);
}

function finish(name: string, args: Record<string, unknown>, registry?: ToolRegistry): ActionResolution {
  const tool = registry?.get(name);
  return { ok: true, call: { name, arguments: tool ? wrapSingleValues(tool, args) : args } };
}

function list(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string {
  return knownToolNames(options, registry).join(", ") || "none";
}

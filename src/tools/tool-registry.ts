import { z } from "zod";
import { InterleafError } from "../errors/index.js";
import type { ToolSpec } from "../models/model-backend.js";
import type { AnyTool } from "./tool.js";

/**
 * The tools of an agent, by name. Immutable: `with` and `without` return new registries, so one
 * agent's changes never leak into another's.
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { ToolRegistry, defineTool } from "interleaf";
 *
 * const echo = defineTool({
 *   name: "echo", description: "Repeats its input.", input: z.object({ text: z.string() }),
 *   async execute({ text }) { return { text }; },
 * });
 * const tools = new ToolRegistry([echo]);
 * console.log(tools.names()); // ["echo"]
 * ```
 */
export class ToolRegistry {
  readonly #tools: ReadonlyMap<string, AnyTool>;
  #specs: ToolSpec[] | undefined;

  constructor(tools: Iterable<AnyTool> = []) {
    const map = new Map<string, AnyTool>();
    for (const tool of tools) {
      if (!/^[a-z][a-z0-9_]*$/.test(tool.name)) {
        throw new InterleafError("config_invalid", `tool name "${tool.name}" must be snake_case (a-z, 0-9, _)`);
      }
      map.set(tool.name, tool);
    }
    this.#tools = map;
  }

  /** The tool with this name, or undefined. */
  get(name: string): AnyTool | undefined {
    return this.#tools.get(name);
  }

  /** The tool with this name; throws `tool_not_found` listing the known ones. */
  require(name: string): AnyTool {
    const tool = this.#tools.get(name);
    if (!tool) throw new InterleafError("tool_not_found", `unknown tool "${name}"; available tools: ${this.names().join(", ") || "none"}`, {
      details: { tool: name, known: this.names() },
    });
    return tool;
  }

  has(name: string): boolean {
    return this.#tools.has(name);
  }

  names(): string[] {
    return [...this.#tools.keys()];
  }

  list(): AnyTool[] {
    return [...this.#tools.values()];
  }

  /** A registry with these tools added, replacing any of the same name. */
  with(...tools: AnyTool[]): ToolRegistry {
    return new ToolRegistry([...this.#tools.values(), ...tools].reverse().filter(uniqueByName()).reverse());
  }

  /** A registry without the named tools. */
  without(...names: string[]): ToolRegistry {
    return new ToolRegistry(this.list().filter((tool) => !names.includes(tool.name)));
  }

  /** JSON Schema specs for native tool calling (computed once: a registry never changes). */
  specs(): ToolSpec[] {
    return (this.#specs ??= this.list().map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    })));
  }
}

function uniqueByName(): (tool: AnyTool) => boolean {
  const seen = new Set<string>();
  return (tool) => (seen.has(tool.name) ? false : (seen.add(tool.name), true));
}

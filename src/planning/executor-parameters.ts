import type { AnyTool } from "../tools/tool.js";

/** Planner parameter names R1V4 writes in the singular, and the executor's list names. */
const KNOWN_LISTS: Record<string, string> = { query: "queries", url: "urls", image_path: "image_paths", image: "image_paths", link: "urls" };

/** The keys a tool's input object declares, when its schema is an object. */
export function parameterNames(tool: AnyTool | undefined): string[] | undefined {
  const shape = (tool?.input as { shape?: unknown } | undefined)?.shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : undefined;
}

/**
 * Maps a planner's parameters to the executor's: a singular name the tool does not declare
 * (`query`) becomes the list it does (`queries: [value]`); names the tool declares stay.
 */
export function toExecutorParameters(tool: AnyTool | undefined, parameters: Record<string, unknown>): Record<string, unknown> {
  const names = parameterNames(tool);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (names?.includes(key)) {
      out[key] = value;
      continue;
    }
    const candidates = [`${key}s`, key.replace(/y$/, "ies"), KNOWN_LISTS[key]].filter((c): c is string => c !== undefined);
    const target = names ? candidates.find((c) => names.includes(c)) : KNOWN_LISTS[key];
    if (target && !(target in parameters)) {
      const list = Array.isArray(value) ? value : [value];
      out[target] = [...((out[target] as unknown[] | undefined) ?? []), ...list];
    } else out[key] = value;
  }
  return out;
}

/** The inverse, for R1V4-style plans: one-element lists become the planner's singular names. */
export function toPlannerParameters(parameters: Record<string, unknown>): Record<string, unknown> {
  const singular = Object.fromEntries(Object.entries(KNOWN_LISTS).filter(([k]) => k !== "image" && k !== "link").map(([k, v]) => [v, k]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parameters)) {
    const name = singular[key];
    if (name && Array.isArray(value) && value.length === 1) out[name] = value[0];
    else out[key] = value;
  }
  return out;
}

import { z } from "zod";
import type { AnyTool } from "../tools/tool.js";
import { parseJsonLocated } from "./json-location.js";

/** Tool arguments as a plain object, or why they cannot be one. */
export type ArgumentObject = { ok: true; value: Record<string, unknown> } | { ok: false; problem: string };

/**
 * Accepts a model's tool arguments as an object or as a JSON string holding one (some providers
 * send strings). Anything else is a problem the model is told about.
 */
export function toArgumentObject(value: unknown): ArgumentObject {
  let candidate = value;
  if (typeof candidate === "string") {
    const parsed = parseJsonLocated(candidate);
    if (!parsed.ok) return { ok: false, problem: `the arguments are not valid JSON: ${parsed.problem}` };
    candidate = parsed.value;
  }
  if (candidate === undefined || candidate === null) return { ok: true, value: {} };
  if (typeof candidate !== "object" || Array.isArray(candidate)) {
    return { ok: false, problem: `the arguments must be a JSON object like {"key": value}, got ${Array.isArray(candidate) ? "an array" : typeof candidate}` };
  }
  return { ok: true, value: candidate as Record<string, unknown> };
}

const arrayKeysCache = new WeakMap<AnyTool, ReadonlySet<string>>();

/** The top-level argument names whose schema is a list. */
function arrayKeys(tool: AnyTool): ReadonlySet<string> {
  const cached = arrayKeysCache.get(tool);
  if (cached) return cached;
  const keys = new Set<string>();
  try {
    const schema = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      if (allowsArray(property) && !allowsString(property)) keys.add(key);
    }
  } catch {
    // a schema JSON Schema cannot express: no list coercion for this tool
  }
  arrayKeysCache.set(tool, keys);
  return keys;
}

function variants(property: unknown): Record<string, unknown>[] {
  if (typeof property !== "object" || property === null) return [];
  const node = property as Record<string, unknown>;
  const nested = [node.anyOf, node.oneOf].filter(Array.isArray).flat() as unknown[];
  return [node, ...nested.flatMap(variants)];
}

function allowsArray(property: unknown): boolean {
  return variants(property).some((node) => node.type === "array" || (Array.isArray(node.type) && node.type.includes("array")));
}

function allowsString(property: unknown): boolean {
  return variants(property).some((node) => node.type === "string" || (Array.isArray(node.type) && node.type.includes("string")));
}

/**
 * Forgives a common slip of models: a single value where the tool expects a list
 * (`{"queries": "x"}` becomes `{"queries": ["x"]}`). Other arguments pass unchanged; the tool's
 * schema judges them when the call runs.
 */
export function wrapSingleValues(tool: AnyTool, args: Record<string, unknown>): Record<string, unknown> {
  const keys = arrayKeys(tool);
  if (keys.size === 0) return args;
  const out: Record<string, unknown> = { ...args };
  for (const key of keys) {
    const value = out[key];
    if (value !== undefined && value !== null && !Array.isArray(value)) out[key] = [value];
  }
  return out;
}

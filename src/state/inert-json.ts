import { InterleafError } from "../errors/index.js";

/** How deep model- or web-controlled JSON may nest before it is refused (objects and arrays count one level each). */
export const MAX_UNTRUSTED_JSON_DEPTH = 64;

/** Keys of the form `lc`, `lc~`, `lc~~`, …: the first is LangChain's serialization marker, the rest its escapes. */
const MARKER_KEY = /^lc~*$/;
/** Keys {@link inertJson} escaped. */
const ESCAPED_KEY = /^lc~+$/;

/**
 * A copy of untrusted data (tool-call arguments a model wrote, structured data a tool took from a
 * web page) that no checkpoint serializer can interpret, ready to be kept in state.
 *
 * - LangGraph's checkpoint serializer revives objects shaped like `{"lc": 1, "type": "constructor", "id": […]}`
 *   through `@langchain/core/load` (instantiating classes, reading secrets), and `{"lc": 2, …}` records
 *   into `Set`s, `Map`s and `undefined`. Every key `lc` is therefore stored as `lc~` (and an existing
 *   `lc~` as `lc~~`, so the rule is reversible): the data keeps its content, no serializer sees a marker.
 * - Nesting deeper than `maxDepth` is refused with `invalid_argument`: a serializer that walks it
 *   recursively would overflow its stack on every later read of the thread.
 * - Otherwise the copy follows JSON: `undefined` and functions are dropped, non-finite numbers become
 *   `null`, objects with `toJSON` are converted.
 *
 * @internal
 */
export function inertJson(value: unknown, maxDepth: number = MAX_UNTRUSTED_JSON_DEPTH): unknown {
  return copy(value, 0, maxDepth);
}

function copy(value: unknown, depth: number, maxDepth: number): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value !== "object") return undefined;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return copy(withJson.toJSON(), depth, maxDepth);
  if (depth >= maxDepth) {
    throw new InterleafError("invalid_argument", `the data nests deeper than ${maxDepth} levels; flatten it`, {
      details: { limit: maxDepth },
    });
  }
  if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1, maxDepth) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const copied = copy(item, depth + 1, maxDepth);
    // defineProperty, not assignment: a key "__proto__" stays a key instead of replacing the prototype.
    if (copied !== undefined) Object.defineProperty(out, MARKER_KEY.test(key) ? `${key}~` : key, { value: copied, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** {@link inertJson} that reports instead of throwing, as zod's `safeParse` does. @internal */
export function safeInertJson(value: unknown, maxDepth: number = MAX_UNTRUSTED_JSON_DEPTH): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: inertJson(value, maxDepth) };
  } catch (error) {
    return { ok: false, problem: InterleafError.from(error, "invalid_argument").message };
  }
}

/** The data {@link inertJson} was given back (`lc~` keys become `lc` again), for code that needs it as written, e.g. the tool a model called. @internal */
export function restoreInertJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(restoreInertJson);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, ESCAPED_KEY.test(key) ? key.slice(0, -1) : key, { value: restoreInertJson(item), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

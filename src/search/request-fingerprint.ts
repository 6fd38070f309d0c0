import { createHash } from "node:crypto";

/**
 * The cache key of a paid request: `search:<kind>:<sha256>` over a canonical JSON of the
 * request (object keys sorted). Pass only what identifies the answer (provider, endpoint,
 * query, options); never API keys, which therefore never reach the cache.
 *
 * @example
 * ```ts
 * import { requestFingerprint } from "interleaf/search";
 *
 * const a = requestFingerprint("text", { provider: "serper", query: "cats", maxResults: 5 });
 * const b = requestFingerprint("text", { maxResults: 5, query: "cats", provider: "serper" });
 * console.log(a === b); // true
 * ```
 */
export function requestFingerprint(kind: string, request: Record<string, unknown>): string {
  return `search:${kind}:${createHash("sha256").update(canonical(request)).digest("hex")}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

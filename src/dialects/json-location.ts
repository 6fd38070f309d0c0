/** The outcome of {@link parseJsonLocated}: the value, or a problem that says where the JSON broke. */
export type LocatedJson = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * Parses JSON written by a model. On failure the problem names the line, column and the text
 * around the fault, so the model can see what to fix. Surrounding Markdown code fences
 * (```json … ```) are accepted.
 *
 * @example
 * ```ts
 * import { parseJsonLocated } from "./json-location.js";
 *
 * const result = parseJsonLocated('{"name": "zoom",, "arguments": {}}');
 * if (!result.ok) console.log(result.problem); // "Expected double-quoted property name at line 1, column 17, near ..."
 * ```
 */
export function parseJsonLocated(source: string): LocatedJson {
  const text = stripCodeFence(source).trim();
  if (text === "") return { ok: false, problem: "the JSON is empty" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: describeJsonFault(text, reason) };
  }
}

/** Removes one Markdown code fence around a block (```json, ```python, or bare ```). */
export function stripCodeFence(source: string): string {
  const fenced = /^\s*```[a-zA-Z0-9_+-]*[^\S\n]*\n?([\s\S]*?)\n?[^\S\n]*```\s*$/.exec(source);
  return fenced?.[1] ?? source;
}

function describeJsonFault(text: string, reason: string): string {
  const position = /position (\d+)/.exec(reason);
  const offset = position?.[1] !== undefined ? Number(position[1]) : /end of JSON input|Unterminated/i.test(reason) ? text.length : undefined;
  const cleanReason = reason.replace(/\s*in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
  if (offset === undefined) return cleanReason;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  const near = text.slice(Math.max(0, offset - 20), offset + 20).replace(/\s+/g, " ");
  const where = offset >= text.length ? "at the end (is a closing bracket or quote missing?)" : `at line ${line}, column ${column}, near \`${near}\``;
  return `${cleanReason} ${where}`;
}

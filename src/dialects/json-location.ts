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

const FENCE = "```";

/**
 * Removes one Markdown code fence around a block (```json, ```python, or bare ```): the opening
 * fence with its language and the rest of its line, the closing fence with the blank space before
 * it. Anything else is returned as it is. Linear in the length of the text, whatever it holds.
 */
export function stripCodeFence(source: string): string {
  const text = source.trim();
  if (!text.startsWith(FENCE) || !text.endsWith(FENCE)) return source;
  let start = FENCE.length;
  while (start < text.length && /[a-zA-Z0-9_+-]/.test(text.charAt(start))) start++;
  while (start < text.length && isBlankInLine(text.charAt(start))) start++;
  if (text.charAt(start) === "\n") start++;
  const closing = text.length - FENCE.length;
  if (closing < start) return source;
  let end = closing;
  while (end > start && isBlankInLine(text.charAt(end - 1))) end--;
  if (end > start && text.charAt(end - 1) === "\n") end--;
  return text.slice(start, end);
}

/** White space other than a line break. */
function isBlankInLine(char: string): boolean {
  return char !== "\n" && /\s/.test(char);
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

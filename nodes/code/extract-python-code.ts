const FENCE = /```[ \t]*(?:python3?|py)?[ \t]*\r?\n([\s\S]*?)(?:```|$)/gi;

/**
 * The Python in a model's `code` argument: the contents of its ```python fences (all of them, in
 * order) when there are any, else the text itself; Thyme's `<code>…</code>` wrapper removed and
 * the common indentation stripped.
 *
 * @example
 * ```ts
 * import { extractPythonCode } from "./extract-python-code.js";
 *
 * extractPythonCode("```python\n  print(1)\n```"); // "print(1)"
 * ```
 */
export function extractPythonCode(text: string): string {
  let code = text.trim();
  const wrapped = /^<code>([\s\S]*?)(?:<\/code>)?$/i.exec(code);
  if (wrapped) code = (wrapped[1] ?? "").trim();
  const blocks = [...code.matchAll(FENCE)].map((match) => match[1] ?? "");
  if (blocks.length > 0) code = blocks.join("\n");
  return dedent(code).trim();
}

function dedent(code: string): string {
  const lines = code.replace(/\r\n?/g, "\n").split("\n");
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return common > 0 ? lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join("\n") : lines.join("\n");
}

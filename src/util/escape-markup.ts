/**
 * Escapes text for HTML, XML and SVG content and attribute values: `&`, `<`, `>`, `"` and `'`.
 * Model output, page titles and search results are untrusted: every one of them goes through
 * here before it meets markup.
 */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

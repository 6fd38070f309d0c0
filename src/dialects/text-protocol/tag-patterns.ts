// The patterns of a text-protocol tag, compiled once per tag. They are global (they keep
// `lastIndex`), which is safe to share: every use sets `lastIndex` first and runs to the end
// synchronously.

const opening = new Map<string, RegExp>();
const closing = new Map<string, RegExp>();

/** A tag name as a literal inside a pattern. */
export function escapeTag(tag: string): string {
  return tag.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `<tag>` or `<tag attributes>`, any case. */
export function openTagPattern(tag: string): RegExp {
  let pattern = opening.get(tag);
  if (!pattern) opening.set(tag, (pattern = new RegExp(`<${escapeTag(tag)}(?:\\s[^<>]*)?>`, "gi")));
  return pattern;
}

/** `</tag>`, any case, spaces allowed before `>`. */
export function closeTagPattern(tag: string): RegExp {
  let pattern = closing.get(tag);
  if (!pattern) closing.set(tag, (pattern = new RegExp(`</${escapeTag(tag)}\\s*>`, "gi")));
  return pattern;
}

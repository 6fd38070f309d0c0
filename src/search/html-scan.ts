/** What a linear pre-scan of an HTML page measured (tag counts only; no DOM is built). */
export interface HtmlShape {
  /** Start tags seen, of any element. */
  elements: number;
  /**
   * Deepest nesting of elements that need an end tag. Elements whose end tag is optional (`p`,
   * `li`, `td`, `tr`, ...) and void elements (`br`, `img`, ...) are not counted, so sloppy but
   * ordinary HTML stays shallow while `<div>` or `<table>` nested thousands deep does not.
   */
  depth: number;
  /**
   * The sum over elements of their depth: the number of (element, enclosing element) pairs, which
   * is what tree walks that look at every element's ancestors (Readability's do) cost.
   */
  depthSum: number;
}

/** Elements that never have content, or whose end tag may be left out (the parser closes them). */
const NOT_NESTING = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
  "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "colgroup", "rb", "rt", "rp", "html", "head", "body",
]);

/** Elements whose content is text up to their end tag (the scan jumps over it). */
export const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "noscript", "template", "iframe", "noembed", "noframes", "plaintext"]);

/**
 * Counts the elements and the nesting depth of an HTML page in one pass over the string, with
 * `indexOf` jumps only (no backtracking regular expression), so the cost is linear in the page's
 * length whatever its content. Used to decide, before any DOM is built, whether a page is
 * small and shallow enough for Readability.
 */
export function scanHtml(html: string): HtmlShape {
  const lower = html.toLowerCase();
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  let depthSum = 0;
  let at = lower.indexOf("<");
  while (at !== -1 && at < lower.length - 1) {
    if (lower.startsWith("<!--", at)) {
      at = next(lower, "-->", at + 4);
      continue;
    }
    const closing = lower[at + 1] === "/";
    const nameStart = closing ? at + 2 : at + 1;
    const name = tagName(lower, nameStart);
    if (!name) {
      at = lower.indexOf("<", at + 1);
      continue;
    }
    const end = lower.indexOf(">", nameStart);
    if (end === -1) break;
    if (closing) {
      if (!NOT_NESTING.has(name) && depth > 0) depth--;
      at = lower.indexOf("<", end + 1);
      continue;
    }
    elements++;
    depthSum += depth;
    const selfClosing = lower[end - 1] === "/";
    if (RAW_TEXT.has(name)) {
      at = next(lower, `</${name}`, end + 1);
      continue;
    }
    if (!selfClosing && !NOT_NESTING.has(name)) deepest = Math.max(deepest, ++depth);
    at = lower.indexOf("<", end + 1);
  }
  return { elements, depth: deepest, depthSum };
}

/** The tag name starting at `from` (letters, digits, `-`, `:`), or "" when `from` starts no tag. */
export function tagName(lower: string, from: number): string {
  const first = lower.charCodeAt(from);
  if (!(first >= 97 && first <= 122)) return "";
  let end = from + 1;
  while (end < lower.length && /[a-z0-9:-]/.test(lower[end] ?? "")) end++;
  return lower.slice(from, end);
}

/** The index of the next `<` after `marker` (found from `from`), or -1 when there is none. */
function next(lower: string, marker: string, from: number): number {
  const found = lower.indexOf(marker, from);
  return found === -1 ? -1 : lower.indexOf("<", found + 1);
}

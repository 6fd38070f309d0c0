import { createRequire } from "node:module";
import type * as ReadabilityModule from "@mozilla/readability";
import type * as LinkedomModule from "linkedom";
import { htmlToPlainText } from "./html-plain-text.js";
import { scanHtml } from "./html-scan.js";
import { BLOCKS, SKIP, tidy, type ExtractedHtml } from "./html-text-rules.js";

// Readability and linkedom (a DOM) are loaded by the first page read, not by importing interleaf:
// most agents never read a web page (see the import_time bench).
const require = createRequire(import.meta.url);
let dom: { Readability: typeof ReadabilityModule.Readability; parseHTML: typeof LinkedomModule.parseHTML } | undefined;
function htmlLibraries(): NonNullable<typeof dom> {
  dom ??= { Readability: (require("@mozilla/readability") as typeof ReadabilityModule).Readability, parseHTML: (require("linkedom") as typeof LinkedomModule).parseHTML };
  return dom;
}

export type { ExtractedHtml } from "./html-text-rules.js";

/** Size limits of {@link htmlToText}: what a page may be before it is read the cheap way. */
export interface HtmlSizeLimits {
  /** Characters of HTML read; the rest of a longer page is cut off, and the text says so (default 1,000,000). */
  maxChars?: number;
  /** Pages with more elements are read without Readability, by a linear tag stripper (default 20,000). */
  maxElements?: number;
  /** Pages nesting elements deeper than this are read by the linear tag stripper too (default 100). */
  maxDepth?: number;
  /**
   * Pages whose sum over elements of their depth (the (element, enclosing element) pairs, what
   * Readability's ancestor walks cost) is larger are read by the linear tag stripper too (default 150,000).
   */
  maxDepthSum?: number;
}

/** The defaults of {@link HtmlSizeLimits}. */
export const DEFAULT_HTML_SIZE_LIMITS: Required<HtmlSizeLimits> = { maxChars: 1_000_000, maxElements: 20_000, maxDepth: 100, maxDepthSum: 150_000 };

/** The few DOM members the text walker reads (linkedom implements them). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}

interface DomDocument {
  title?: string;
  body?: DomNode | null;
  documentElement?: { normalize(): void } | null;
}

/**
 * Extracts the article of an HTML page with Mozilla Readability (the engine of Firefox Reader
 * View) over a linkedom DOM, then turns it into text that keeps paragraphs, headings (`#`),
 * list items (`-`) and table cells (`|`). Pages Readability cannot parse (too short, no
 * article) fall back to the text of `<body>` without scripts and styles.
 *
 * Bounded whatever the page: a linear pre-scan counts elements and nesting depth first, and a
 * page over `maxElements`, `maxDepth` or `maxDepthSum` is read by a linear tag stripper instead of Readability;
 * HTML beyond `maxChars` is cut off (the text ends with a note saying so). Runs synchronously:
 * {@link extractHtml} runs it in a worker with a deadline and a memory cap.
 *
 * @example
 * ```ts
 * import { htmlToText } from "interleaf/search";
 *
 * const page = htmlToText("<html><head><title>Hi</title></head><body><h1>Hello</h1><p>World</p></body></html>");
 * console.log(page.title); // "Hi"
 * ```
 */
export function htmlToText(html: string, limits: HtmlSizeLimits = {}): ExtractedHtml {
  const { maxChars, maxElements, maxDepth, maxDepthSum } = { ...DEFAULT_HTML_SIZE_LIMITS, ...limits };
  const cut = html.length > maxChars;
  const page = cut ? html.slice(0, maxChars) : html;
  const shape = scanHtml(page);
  const extracted = shape.elements > maxElements || shape.depth > maxDepth || shape.depthSum > maxDepthSum ? htmlToPlainText(page) : readWithDom(page, maxElements);
  if (!cut) return extracted;
  return { ...extracted, text: `${extracted.text}\n\n(The page was cut off: only its first ${maxChars} characters of HTML were read.)` };
}

function readWithDom(html: string, maxElements: number): ExtractedHtml {
  const document = parsed(html);
  const pageTitle = (document.title ?? "").trim();
  let article: { title?: string | null; content?: string | null } | null;
  try {
    article = new (htmlLibraries().Readability)(document as never, { charThreshold: 200, maxElemsToParse: maxElements }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const content = parsed(`<!doctype html><html><body>${article.content}</body></html>`);
    const text = content.body ? tidy(walk(content.body)) : "";
    if (text.length > 0) return { title: (article.title ?? pageTitle).trim() || pageTitle, text };
  }
  const fallback = parsed(html);
  return { title: pageTitle, text: fallback.body ? tidy(walk(fallback.body)) : "" };
}

/**
 * Parses with linkedom and merges adjacent text nodes: the parser makes one text node per
 * character reference, and DOM code that indexes `childNodes` (Readability does) is quadratic in
 * the number of children on linkedom.
 */
function parsed(html: string): DomDocument {
  const { document } = htmlLibraries().parseHTML(html) as unknown as { document: DomDocument };
  document.documentElement?.normalize();
  return document;
}

interface Frame {
  name: string;
  inner: string;
  next: DomNode | null;
}

/** The text of a subtree, without recursion (an explicit stack) and following sibling links. */
function walk(root: DomNode): string {
  const first = open(root);
  if (typeof first === "string") return first;
  const stack: Frame[] = [first];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    const child = top.next;
    if (child) {
      top.next = child.nextSibling;
      const opened = open(child);
      if (typeof opened === "string") top.inner += opened;
      else stack.push(opened);
      continue;
    }
    stack.pop();
    const text = close(top);
    const parent = stack[stack.length - 1];
    if (!parent) return text;
    parent.inner += text;
  }
}

/** A leaf's text, or a frame to fill with the children's text. */
function open(node: DomNode): string | Frame {
  if (node.nodeType === 3) return (node.textContent ?? "").replace(/\s+/g, " ");
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return "";
  const name = node.nodeName.toUpperCase();
  if (SKIP.has(name)) return "";
  if (name === "BR") return "\n";
  if (name === "PRE") return `\n\n${node.textContent ?? ""}\n\n`;
  return { name, inner: "", next: node.firstChild };
}

function close({ name, inner }: Frame): string {
  if (/^H[1-6]$/.test(name)) return `\n\n${"#".repeat(Number(name[1]))} ${inner.trim()}\n\n`;
  if (name === "LI") return `\n- ${inner.trim()}\n`;
  if (name === "TD" || name === "TH") return ` ${inner.trim()} |`;
  return BLOCKS.has(name) ? `\n\n${inner}\n\n` : inner;
}

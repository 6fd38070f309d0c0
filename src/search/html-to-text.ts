import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

/** The readable part of an HTML page. */
export interface ExtractedHtml {
  title: string;
  text: string;
}

/** The few DOM members the text walker reads (linkedom implements them). */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "NAV", "UL", "OL", "LI", "DL", "DT", "DD", "TABLE", "TR", "BLOCKQUOTE", "PRE", "FIGURE", "FIGCAPTION", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "ADDRESS", "FORM"]);
const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "OBJECT"]);

/**
 * Extracts the article of an HTML page with Mozilla Readability (the engine of Firefox Reader
 * View) over a linkedom DOM, then turns it into text that keeps paragraphs, headings (`#`),
 * list items (`-`) and table cells (`|`). Pages Readability cannot parse (too short, no
 * article) fall back to the text of `<body>` without scripts and styles.
 *
 * @example
 * ```ts
 * import { htmlToText } from "interleaf/search";
 *
 * const page = htmlToText("<html><head><title>Hi</title></head><body><h1>Hello</h1><p>World</p></body></html>");
 * console.log(page.title); // "Hi"
 * ```
 */
export function htmlToText(html: string): ExtractedHtml {
  const { document } = parseHTML(html) as unknown as { document: { title?: string; body?: DomNode | null } };
  const pageTitle = (document.title ?? "").trim();
  let article: { title?: string | null; content?: string | null } | null;
  try {
    article = new Readability(document as never, { charThreshold: 200 }).parse();
  } catch {
    article = null;
  }
  if (article?.content) {
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as unknown as { document: { body: DomNode } };
    const text = tidy(walk(content.body));
    if (text.length > 0) return { title: (article.title ?? pageTitle).trim() || pageTitle, text };
  }
  const fallback = parseHTML(html) as unknown as { document: { body?: DomNode | null } };
  return { title: pageTitle, text: fallback.document.body ? tidy(walk(fallback.document.body)) : "" };
}

function walk(node: DomNode): string {
  if (node.nodeType === 3) return (node.textContent ?? "").replace(/\s+/g, " ");
  if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return "";
  const name = node.nodeName.toUpperCase();
  if (SKIP.has(name)) return "";
  if (name === "BR") return "\n";
  let inner = "";
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i];
    if (child) inner += walk(child);
  }
  if (/^H[1-6]$/.test(name)) return `\n\n${"#".repeat(Number(name[1]))} ${inner.trim()}\n\n`;
  if (name === "LI") return `\n- ${inner.trim()}\n`;
  if (name === "TD" || name === "TH") return ` ${inner.trim()} |`;
  if (name === "PRE") return `\n\n${node.textContent ?? ""}\n\n`;
  return BLOCKS.has(name) ? `\n\n${inner}\n\n` : inner;
}

function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

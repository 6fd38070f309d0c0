/** The readable part of an HTML page. */
export interface ExtractedHtml {
  title: string;
  text: string;
}

/** Elements that start and end a paragraph in extracted text. */
export const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "HEADER", "FOOTER", "MAIN", "ASIDE", "NAV", "UL", "OL", "LI", "DL", "DT", "DD", "TABLE", "TR", "BLOCKQUOTE", "PRE", "FIGURE", "FIGCAPTION", "H1", "H2", "H3", "H4", "H5", "H6", "HR", "ADDRESS", "FORM"]);

/** Elements whose content is never text for a reader. */
export const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "CANVAS", "IFRAME", "OBJECT"]);

/** Collapses runs of blanks on each line and of empty lines, and trims. */
export function tidy(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

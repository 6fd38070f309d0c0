import { RAW_TEXT, tagName } from "./html-scan.js";
import { BLOCKS, SKIP, tidy, type ExtractedHtml } from "./html-text-rules.js";

const NAMED: Readonly<Record<string, string>> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", shy: "", ndash: "–", mdash: "—", hellip: "…",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", laquo: "«", raquo: "»", bull: "•", middot: "·", copy: "©",
  reg: "®", trade: "™", deg: "°", times: "×", divide: "÷", euro: "€", pound: "£", yen: "¥", cent: "¢", sect: "§", para: "¶",
};

/**
 * Reads the text of an HTML page without building a DOM: tags are dropped (block elements end
 * paragraphs, `<br>` ends a line, list items start with `-`, table cells end with `|`), scripts,
 * styles and the like are skipped, and character references are decoded (numeric ones and the
 * common named ones). One pass with `indexOf` jumps, so linear in the page's length: the reader
 * for pages too deep or too large for Readability.
 */
export function htmlToPlainText(html: string): ExtractedHtml {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let title = "";
  let at = 0;
  while (at < html.length) {
    const open = lower.indexOf("<", at);
    if (open === -1) {
      out.push(collapse(html.slice(at)));
      break;
    }
    out.push(collapse(html.slice(at, open)));
    if (lower.startsWith("<!--", open)) {
      const end = lower.indexOf("-->", open + 4);
      at = end === -1 ? html.length : end + 3;
      continue;
    }
    const closing = lower[open + 1] === "/";
    const name = tagName(lower, closing ? open + 2 : open + 1);
    const end = lower.indexOf(">", open + 1);
    if (!name && lower[open + 1] !== "!") {
      out.push("<");
      at = open + 1;
      continue;
    }
    if (end === -1) break;
    at = end + 1;
    if (!closing && (RAW_TEXT.has(name) || SKIP.has(name.toUpperCase()))) {
      const close = lower.indexOf(`</${name}`, at);
      const inner = close === -1 ? html.slice(at) : html.slice(at, close);
      if (name === "title" && !title) title = decodeEntities(inner).replace(/\s+/g, " ").trim();
      at = close === -1 ? html.length : close;
      continue;
    }
    out.push(separator(name.toUpperCase(), closing));
  }
  return { title, text: tidy(decodeEntities(out.join(""))) };
}

function collapse(text: string): string {
  return text.replace(/\s+/g, " ");
}

/** What a tag becomes in the text: the line breaks and markers the DOM reader would write. */
function separator(name: string, closing: boolean): string {
  if (name === "BR") return "\n";
  if (!closing && name === "LI") return "\n\n- ";
  if (name === "TD" || name === "TH") return closing ? " |" : " ";
  if (/^H[1-6]$/.test(name)) return closing ? "\n\n" : `\n\n${"#".repeat(Number(name[1]))} `;
  return BLOCKS.has(name) ? "\n\n" : "";
}

/** Decodes numeric character references and the common named ones; others stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    }
    return NAMED[body] ?? whole;
  });
}

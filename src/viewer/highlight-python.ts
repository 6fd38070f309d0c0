import { html, type Html } from "./html.js";

const KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(" "),
);

// One token per match, in order: comments, strings (triple-quoted first, with prefixes), numbers, names, anything else.
const TOKEN = /(#[^\n]*)|((?:[rRbBuUfF]{1,2})?(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?))|(\b\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?j?\b)|([A-Za-z_][A-Za-z0-9_]*)|([\s\S])/g;

/**
 * Python source as markup with comments, strings, numbers, keywords and builtins in classes
 * (`py-comment`, `py-string`, ...); every piece escaped. Enough to read model-written code, not
 * a parser.
 */
export function highlightPython(code: string): Html {
  const parts: Html[] = [];
  let plain = "";
  const flush = () => {
    if (plain) parts.push(html`${plain}`);
    plain = "";
  };
  for (const match of code.matchAll(TOKEN)) {
    const [text, comment, string, number, name] = match;
    const kind = comment ? "comment" : string ? "string" : number ? "number" : name && KEYWORDS.has(name) ? "keyword" : name && BUILTINS.has(name) ? "builtin" : undefined;
    if (!kind) {
      plain += text;
      continue;
    }
    flush();
    parts.push(html`<span class="py-${kind}">${text}</span>`);
  }
  flush();
  return html`${parts}`;
}

const BUILTINS = new Set("print len range open int float str list dict set tuple min max sum abs round enumerate zip sorted map filter isinstance self".split(" "));

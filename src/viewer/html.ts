import { escapeMarkup } from "../util/escape-markup.js";

/** Markup the viewer built itself: interpolated into {@link html} as is, never escaped again. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A value {@link html} accepts: text (escaped), markup, numbers, lists of these, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

/**
 * The viewer's only way to write markup: a template whose interpolated values are escaped unless
 * they are {@link Html} already, so untrusted text (thoughts, page titles, search results) can
 * never become markup by forgetting a call. `null`, `undefined` and `false` render as nothing.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeMarkup(String(value));
}

/**
 * A link target from untrusted data, or undefined: only `http:` and `https:` URLs (no
 * `javascript:`, `data:` or `file:`), so a link can neither run script nor open local files.
 */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** An outside link: opens in a new tab, with no opener and no referrer; plain text when the URL is not http(s). */
export function externalLink(url: unknown, text: string): Html {
  const href = safeHref(url);
  return href ? html`<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>` : html`<span>${text}</span>`;
}

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Html, html } from "./html.js";

/** The viewer's stylesheet and script, real files beside this one (copied into `dist/` by the build). */
function asset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
}

let assets: { css: string; js: string; cssHash: string; jsHash: string } | undefined;
function pageAssets() {
  if (!assets) {
    const css = asset("viewer.css");
    const js = asset("viewer.js");
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    assets = { css, js, cssHash: hash(css), jsHash: hash(js) };
  }
  return assets;
}

/** What a viewer page is made of. */
export interface PageOptions {
  title: string;
  body: Html;
  /**
   * Served by `interleaf view --serve`: images may come from the server, and `events` is the
   * URL of the page's server-sent events (the page reloads when the thread changes). Without
   * it the page is a self-contained file that loads nothing at all.
   */
  served?: { events?: string };
}

/**
 * A complete viewer page: the body with the inline stylesheet and script, under a strict
 * Content-Security-Policy: nothing loads from anywhere (a file), or only from the viewer's own
 * server (served); no other script runs, no form posts, no base URL.
 */
export function renderPage(options: PageOptions): string {
  const { css, js, cssHash, jsHash } = pageAssets();
  const csp = [
    "default-src 'none'",
    options.served ? "img-src 'self' data:" : "img-src data:",
    `style-src ${cssHash}`,
    `script-src ${jsHash}`,
    options.served ? "connect-src 'self'" : "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const events = options.served?.events;
  // The stylesheet and the script go in verbatim (as Html): the policy's hashes are of these exact bytes.
  return `<!doctype html>\n${html`<html lang="en"><head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${options.title}</title>
<style>${new Html(css)}</style>
</head><body${events ? html` data-events="${events}"` : null}>
${options.body}
<dialog id="image-dialog"><figure><img alt=""><figcaption></figcaption></figure><button type="button" class="close">close</button></dialog>
<script>${new Html(js)}</script>
</body></html>`.value}\n`;
}

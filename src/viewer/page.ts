import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Html, html } from "./html.js";

/** The viewer's stylesheet and script, real files beside this one (copied into `dist/` by the build). */
function asset(name: string): string {
  return readFileSync(new URL(`./assets/${name}`, import.meta.url), "utf8");
}

const loaded = new Map<string, { text: string; hash: string }>();
/** An asset's text and its CSP hash, read once. */
function pageAsset(name: string): { text: string; hash: string } {
  let found = loaded.get(name);
  if (!found) {
    const text = asset(name);
    found = { text, hash: `'sha256-${createHash("sha256").update(text).digest("base64")}'` };
    loaded.set(name, found);
  }
  return found;
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
  /** Another stylesheet and script of `assets/` a kind of page adds after the viewer's own (e.g. the eval view's filters). */
  extra?: { css: string; js: string };
}

/**
 * A complete viewer page: the body with the inline stylesheet and script, under a strict
 * Content-Security-Policy: nothing loads from anywhere (a file), or only from the viewer's own
 * server (served); no other script runs, no form posts, no base URL.
 */
export function renderPage(options: PageOptions): string {
  const styles = [pageAsset("viewer.css"), ...(options.extra ? [pageAsset(options.extra.css)] : [])];
  const scripts = [pageAsset("viewer.js"), ...(options.extra ? [pageAsset(options.extra.js)] : [])];
  const csp = [
    "default-src 'none'",
    options.served ? "img-src 'self' data:" : "img-src data:",
    `style-src ${styles.map((s) => s.hash).join(" ")}`,
    `script-src ${scripts.map((s) => s.hash).join(" ")}`,
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
${styles.map((s) => html`<style>${new Html(s.text)}</style>`)}
</head><body${events ? html` data-events="${events}"` : null}>
${options.body}
<dialog id="image-dialog"><figure><img alt=""><figcaption></figcaption></figure><button type="button" class="close">close</button></dialog>
${scripts.map((s) => html`<script>${new Html(s.text)}</script>`)}
</body></html>`.value}\n`;
}

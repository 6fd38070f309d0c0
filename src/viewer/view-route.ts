import type { Html } from "./html.js";
import type { ViewImageUrls } from "./view-images.js";

/** What a page route renders: its title and body (the server adds the shell and its policy). */
export interface RenderedView {
  title: string;
  body: Html;
  /** Another stylesheet and script of the viewer's `assets/` the page needs (see `PageOptions.extra`). */
  extra?: { css: string; js: string };
}

/**
 * One kind of page of `interleaf view --serve`, at `/<name>/<param>/...`: a thread, a comparison,
 * and (one more route over its own plain data shape) an eval run. A route with `version` is live:
 * its pages watch `/events/<name>/<param>/...` and reload when the version changes.
 */
export interface ViewRoute {
  /** The first path segment, e.g. `thread`. */
  name: string;
  /** How many path segments follow it, e.g. 2 for `/compare/<a>/<b>`. */
  params: number;
  /** The page, or undefined when what the parameters name does not exist (404). */
  render(params: readonly string[], urls: ViewImageUrls): Promise<RenderedView | undefined>;
  /** A value that changes whenever the page would show something new (checked every `pollMs`). */
  version?(params: readonly string[]): Promise<string>;
}

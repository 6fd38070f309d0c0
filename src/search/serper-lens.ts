import { InterleafError } from "../errors/index.js";
import type { ImageSearchBackend } from "./image-search-backend.js";
import type { ImageSearchResult } from "./search-results.js";
import { arr, joinUrl, serperGoogle, serperPost, str, type SerperOptions } from "./serper-http.js";

/**
 * Reverse image search with Google Lens through Serper (`POST /lens {url}`), as R1V4 does. Lens
 * downloads the image itself, so this backend sets `needsUrl` and the `image_search` tool gets a
 * URL from its `ImageHost` (by default it refuses: local images are not uploaded unasked).
 *
 * @example
 * ```ts
 * import { serperLens } from "interleaf/search";
 *
 * const lens = serperLens({ apiKey: process.env.SERPER_API_KEY });
 * console.log(lens.needsUrl); // true
 * ```
 */
export function serperLens(options: SerperOptions = {}): ImageSearchBackend {
  const { key, base, locale, fingerprint } = serperGoogle(options);
  return {
    specificationVersion: "v1",
    provider: "serper-lens",
    fingerprint,
    needsUrl: true,
    async searchImage(image, searchOptions = {}) {
      if (!image.url) {
        throw new InterleafError("config_invalid", "Google Lens needs the image at a public URL and none was given; configure an ImageHost for image_search");
      }
      const body = await serperPost(joinUrl(base, "lens"), { url: image.url, ...locale }, key, options, "Google Lens search", searchOptions.signal);
      const items = [...arr(body, "organic"), ...arr(body, "visualMatches"), ...arr(body, "visual_matches")];
      const results: ImageSearchResult[] = items
        .map((item) => ({ title: str(item, "title"), link: str(item, "link"), image: str(item, "imageUrl") || str(item, "thumbnailUrl") || str(item, "thumbnail") }))
        .filter((item) => item.link || item.image);
      return results.slice(0, searchOptions.maxResults ?? 10);
    },
  };
}

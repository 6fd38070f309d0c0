import { z } from "zod";
import type { ImageHost } from "../../src/search/image-host.js";
import { refusingImageHost } from "../../src/search/image-host.js";
import type { ImageSearchBackend } from "../../src/search/image-search-backend.js";
import type { ImageSearchResult } from "../../src/search/search-results.js";
import { mapSettledConcurrently } from "../../src/util/map-settled-concurrently.js";
import { requestFingerprint } from "../../src/search/request-fingerprint.js";
import { defineTool, type Tool } from "../../src/tools/tool.js";
import { listArgument } from "./list-argument.js";
import { attachResultImages, type ResultImageOptions } from "./result-images.js";
import { allFailed, errorLine, runSearchItem, type SearchCallOptions } from "./run-search-item.js";
import { plural } from "../../src/util/plural.js";
import { checkSpecificationVersion } from "../../src/util/specification-version.js";

/** Options for {@link imageSearchTool}. */
export interface ImageSearchToolOptions extends SearchCallOptions {
  backend: ImageSearchBackend;
  /**
   * Gives remote backends (`needsUrl`, e.g. Google Lens) a public URL of a local image. Default:
   * refuse with a clear message, so no image leaves the machine unless the application says so.
   */
  host?: ImageHost;
  /** Matches per image (default 5). */
  maxResults?: number;
  /** Download and show up to `images.showImages` matched images to the model. */
  images?: ResultImageOptions;
  /** Most images accepted in one call (default 4). */
  maxImages?: number;
}

const input = (max: number) =>
  z.object({
    image_paths: listArgument('Images to search for, by the names you saw: "original image", "observation 2", ...', max),
  });

/**
 * R1V4's `image_search{image_paths[]}` (reverse image search, Lens style): each name is
 * resolved through the run's gallery ("original image", "observation N", an id prefix), its
 * bytes read from the image store, and the backend returns `{title, link, image}` visual
 * matches. Concurrent, retried, time-limited and cached by (backend, image content) like
 * `text_search`; unknown names and refusals become per-image error lines.
 *
 * @example
 * ```ts
 * import { openLocalIndex } from "interleaf/search";
 * import { imageSearchTool } from "interleaf/nodes";
 *
 * const { images } = await openLocalIndex(".interleaf/index");
 * if (images) console.log(imageSearchTool({ backend: images, images: { showImages: 2 } }).name); // "image_search"
 * ```
 */
export function imageSearchTool(options: ImageSearchToolOptions): Tool<ReturnType<typeof input>> {
  const backend = checkSpecificationVersion("ImageSearchBackend", options.backend);
  const host = checkSpecificationVersion("ImageHost", options.host ?? refusingImageHost());
  const maxResults = options.maxResults ?? 5;
  return defineTool({
    name: "image_search",
    description: "Reverse image search: finds web pages with visually matching images. Give the names of images you saw (the original image or an observation, e.g. a crop); each returns a list of {title, link, image}.",
    input: input(options.maxImages ?? 4),
    example: { image_paths: ["original image"] },
    async execute({ image_paths: names }, context) {
      const settled = await mapSettledConcurrently(names, options.maxConcurrency ?? 4, async (name) => {
        const ref = context.gallery.resolve(name);
        const key = backend.cacheable === false ? undefined : requestFingerprint("image", { provider: backend.provider, fingerprint: backend.fingerprint, image: ref.id, maxResults });
        return runSearchItem<ImageSearchResult[]>(context, options, `reverse image search for ${name}`, key, async (signal) => {
          const { bytes } = await context.images.get(ref.id);
          const url = backend.needsUrl ? await host.url({ ref, bytes }, { signal }) : undefined;
          return backend.searchImage({ ref, bytes, ...(url ? { url } : {}) }, { signal, maxResults });
        });
      });
      if (settled.every((s) => !s.ok)) {
        throw allFailed("image_search", settled.map((s, i) => ({ label: `"${names[i]}"`, error: s.ok ? undefined : s.error })), context.signal);
      }
      const blocks: string[] = [];
      const imageUrls: string[] = [];
      settled.forEach((s, i) => {
        const label = context.gallery.labelOf(safeResolveId(context, names[i] ?? "")) ?? names[i];
        const header = `Visual matches for "${label}":`;
        if (!s.ok) return blocks.push(`${header}\n${errorLine(s.error)}`);
        imageUrls.push(...s.value.map((r) => r.image));
        const lines = s.value.map((r, n) => `${n + 1}. ${JSON.stringify({ title: r.title, link: r.link, image: r.image })}`);
        blocks.push([header, ...(lines.length ? lines : ["No visual matches."])].join("\n"));
      });
      const { refs, shown } = options.images?.showImages ? await attachResultImages(imageUrls, context, options.images, backend) : { refs: [], shown: [] };
      if (shown.length) blocks.push(`Attached ${plural(shown.length, "matched image")}, in this order: ${shown.join(", ")}`);
      return {
        text: blocks.join("\n\n"),
        ...(refs.length ? { images: refs } : {}),
        data: { images: settled.map((s, i) => ({ image: names[i], ...(s.ok ? { results: s.value } : { error: errorLine(s.error) }) })) },
      };
    },
  });
}

function safeResolveId(context: { gallery: { resolve(name: string): { id: string } } }, name: string): string {
  try {
    return context.gallery.resolve(name).id;
  } catch {
    return "";
  }
}

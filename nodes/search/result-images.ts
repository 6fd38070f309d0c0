import { ingestToolImage } from "../../src/images/ingest-tool-image.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import type { AllowList } from "../../src/net/allow-list.js";
import { safeFetch } from "../../src/net/safe-fetch.js";
import type { LookupFunction } from "../../src/net/url-guard.js";
import type { ImageSearchBackend } from "../../src/search/image-search-backend.js";
import type { ToolContext } from "../../src/tools/tool.js";

/** How result images are downloaded when a tool shows them to the model. */
export interface ResultImageOptions {
  /** How many result images to attach per call (default 0: text only). */
  showImages?: number;
  /** Network guard settings for downloading them (they are URLs from the web). */
  allow?: AllowList;
  lookup?: LookupFunction;
  fetch?: typeof fetch;
  /** Largest image accepted (default 8 MB). */
  maxBytes?: number;
  /** Time limit per image (default 10,000 ms). */
  timeoutMs?: number;
}

/**
 * Downloads up to `showImages` result images (the backend's own `fetchImage` for local images,
 * else `safeFetch` with the guard) and stores them as images the model will see. Images that
 * fail to download or decode are skipped: they are extras, the text results stand anyway.
 */
export async function attachResultImages(urls: readonly string[], context: ToolContext, options: ResultImageOptions, backend?: ImageSearchBackend): Promise<{ refs: ImageRef[]; shown: string[] }> {
  const limit = options.showImages ?? 0;
  const refs: ImageRef[] = [];
  const shown: string[] = [];
  for (const url of urls) {
    if (refs.length >= limit) break;
    try {
      const bytes = backend?.fetchImage && !/^https?:/i.test(url)
        ? (await backend.fetchImage(url, { signal: context.signal })).bytes
        : (await safeFetch(url, {
            maxBytes: options.maxBytes ?? 8_000_000,
            timeoutMs: options.timeoutMs ?? 10_000,
            signal: context.signal,
            ...(options.allow ? { allow: options.allow } : {}),
            ...(options.lookup ? { lookup: options.lookup } : {}),
            ...(options.fetch ? { fetch: options.fetch } : {}),
          })).bytes;
      refs.push(await ingestToolImage(context.images, bytes));
      shown.push(url);
    } catch {
      continue;
    }
  }
  return { refs, shown };
}

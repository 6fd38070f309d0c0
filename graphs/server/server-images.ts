import { readFile, realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { InterleafError } from "../../src/errors/index.js";
import { ImageRefSchema, type ImageRef } from "../../src/images/image-ref.js";
import type { ImageStore } from "../../src/images/image-store.js";
import { ingestImage } from "../../src/images/ingest.js";
import type { AllowList } from "../../src/net/allow-list.js";
import { safeFetch } from "../../src/net/safe-fetch.js";

/** Where a served graph may read input images from (see {@link ingestServerImages}). */
export interface ServerImageOptions {
  /** Inputs may name files under this folder; without it, paths are refused. */
  imageRoot?: string;
  /** Non-public hosts image URLs may name (the SSRF guard refuses them otherwise). */
  allow?: AllowList;
  /** Images above this many pixels are refused. */
  maxPixels?: number;
  /** Largest image downloaded or decoded from a data URL, in bytes (default 20 MB). */
  maxBytes?: number;
}

const DATA_URL = /^data:(image\/[\w.+-]+)?(;[\w=.+-]+)*;base64,/i;

/**
 * Stores the images of a run's input as a LangGraph server receives them, JSON only: an `http(s)`
 * URL (fetched through the SSRF guard, `safeFetch`), a `data:image/...;base64,` URL, a path under
 * the operator's `imageRoot`, or an `ImageRef` already in the store. Returns their references.
 *
 * @internal
 */
export async function ingestServerImages(inputs: readonly unknown[], store: ImageStore, options: ServerImageOptions = {}): Promise<ImageRef[]> {
  const maxBytes = options.maxBytes ?? 20_000_000;
  const ingest = (bytes: Uint8Array) => ingestImage(store, bytes, options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels });
  return Promise.all(
    inputs.map(async (input, index) => {
      if (typeof input !== "string") {
        const ref = ImageRefSchema.safeParse(input);
        if (!ref.success) throw new InterleafError("invalid_argument", `images[${index}] must be a URL, a data URL, a server path or an image reference`, { details: { argument: `images[${index}]` } });
        if (!(await store.has(ref.data.id))) throw new InterleafError("image_not_found", `image ${ref.data.id} is not in this server's image store`, { details: { imageId: ref.data.id } });
        return ref.data;
      }
      if (DATA_URL.test(input)) {
        const base64 = input.slice(input.indexOf(",") + 1);
        if (base64.length > Math.ceil(maxBytes / 3) * 4) throw new InterleafError("invalid_argument", `images[${index}]: the data URL holds more than ${maxBytes} bytes`, { details: { argument: `images[${index}]`, limit: maxBytes } });
        return ingest(new Uint8Array(Buffer.from(base64, "base64")));
      }
      if (/^https?:\/\//i.test(input)) {
        const response = await safeFetch(input, { maxBytes, ...(options.allow ? { allow: options.allow } : {}), headers: { accept: "image/*" } });
        return ingest(response.bytes);
      }
      return ingest(await readServerFile(input, index, options.imageRoot));
    }),
  );
}

/** Reads a file named by a client, only inside the operator's image folder (symbolic links resolved first). */
async function readServerFile(path: string, index: number, root: string | undefined): Promise<Uint8Array> {
  if (!root) {
    throw new InterleafError("invalid_argument", `images[${index}]: this server reads no image files by path (the operator sets serverGraph({ imageRoot })); send a URL or a data URL`, {
      details: { argument: `images[${index}]` },
    });
  }
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(resolve(realRoot, path));
  } catch (error) {
    throw new InterleafError("image_not_found", `images[${index}]: no image file ${JSON.stringify(path)} under the server's image folder`, { cause: error, details: { path } });
  }
  const inside = relative(realRoot, real);
  if (inside.startsWith("..") || isAbsolute(inside)) {
    throw new InterleafError("invalid_argument", `images[${index}]: ${JSON.stringify(path)} is outside the server's image folder`, { details: { argument: `images[${index}]` } });
  }
  return new Uint8Array(await readFile(real));
}

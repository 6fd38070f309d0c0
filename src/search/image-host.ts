import { InterleafError } from "../errors/index.js";
import type { ImageRef } from "../images/image-ref.js";

/**
 * Makes a local image reachable by a remote reverse image search (Google Lens needs a URL it can
 * download). Implementations upload the bytes (a bucket with short-lived signed URLs, an image
 * CDN) or map ids to a server that serves the image store. Version `v1`.
 *
 * @example
 * ```ts
 * import type { ImageHost } from "interleaf";
 *
 * // Serve the image store yourself at https://images.example.com/<id>.
 * const host: ImageHost = {
 *   specificationVersion: "v1",
 *   async url(image) {
 *     return `https://images.example.com/${image.ref.id}`;
 *   },
 * };
 * ```
 */
export interface ImageHost {
  readonly specificationVersion: "v1";
  /** A public URL where the remote service can download these bytes. */
  url(image: { ref: ImageRef; bytes: Uint8Array }, options?: { signal?: AbortSignal }): Promise<string>;
}

/**
 * The default {@link ImageHost}: refuses, with a message explaining why and what to configure.
 * Local images are never uploaded anywhere unless the application chooses a host.
 *
 * @example
 * ```ts
 * import { refusingImageHost } from "interleaf/search";
 *
 * const host = refusingImageHost();
 * console.log(host.specificationVersion); // "v1"
 * ```
 */
export function refusingImageHost(): ImageHost {
  return {
    specificationVersion: "v1",
    async url() {
      throw new InterleafError(
        "config_invalid",
        "reverse image search with this backend needs the image at a public URL, and no image host is configured, so the image was not sent anywhere. " +
          "The application can pass an ImageHost to imageSearchTool (or use the offline local image index); the model should continue with text search or the image itself.",
        { retryable: false },
      );
    },
  };
}

import { describe, expect, it } from "vitest";
import { InterleafError } from "../errors/index.js";
import { ingestImage } from "../images/ingest.js";
import { MemoryImageStore } from "../images/memory-image-store.js";
import type { ImageHost } from "../search/image-host.js";

/** Options for {@link imageHostConformance}. */
export interface ImageHostConformanceOptions {
  /** An encoded image to host (a real JPEG or PNG). */
  image: Uint8Array;
  /**
   * `url` (default): the host gives an absolute http(s) URL, which the suite downloads (with
   * `fetch`) and compares with the bytes. `refusal`: the host never uploads (like
   * `refusingImageHost`) and must say so with a non-retryable `config_invalid`.
   */
  expect?: "url" | "refusal";
  /** Timeout of each case in ms (default 30 000). */
  timeoutMs?: number;
}

/**
 * The conformance suite every {@link ImageHost} must pass (vitest): version `v1`; either a URL
 * that serves exactly the image's bytes, or a clear, non-retryable `config_invalid` refusal;
 * the caller's bytes are left as they were.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { refusingImageHost } from "interleaf";
 * import { imageHostConformance } from "interleaf/conformance";
 *
 * imageHostConformance("refusing", () => refusingImageHost(), { image: readFileSync("photo.jpg"), expect: "refusal" });
 * ```
 */
export function imageHostConformance(name: string, factory: () => ImageHost | Promise<ImageHost>, options: ImageHostConformanceOptions): void {
  const timeout = options.timeoutMs ?? 30_000;
  const image = async () => {
    const bytes = new Uint8Array(options.image);
    return { ref: await ingestImage(new MemoryImageStore(), bytes), bytes };
  };

  describe(`${name}: ImageHost conformance`, () => {
    it("declares specification version v1", async () => {
      const host = await factory();
      expect(host.specificationVersion).toBe("v1");
      expect(typeof host.url).toBe("function");
    });

    if (options.expect === "refusal") {
      it("refuses with a non-retryable config_invalid that says what to configure", { timeout }, async () => {
        const error = await (await factory()).url(await image()).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(InterleafError.isInstance(error), "a refusing host must reject with an InterleafError").toBe(true);
        expect((error as InterleafError).code).toBe("config_invalid");
        expect((error as InterleafError).retryable).toBe(false);
        expect((error as InterleafError).message.length).toBeGreaterThan(20);
      });
    } else {
      it("gives an absolute http(s) URL that serves exactly the image's bytes", { timeout }, async () => {
        const given = await image();
        const url = await (await factory()).url(given);
        expect(url).toMatch(/^https?:\/\/[^/\s]+/);
        const response = await fetch(url);
        expect(response.ok, `GET ${url} answered ${response.status}`).toBe(true);
        expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(options.image))).toBe(true);
      });
    }

    it("leaves the caller's bytes as they were", { timeout }, async () => {
      const given = await image();
      await (await factory()).url(given).catch(() => undefined);
      expect(Buffer.from(given.bytes).equals(Buffer.from(options.image))).toBe(true);
    });
  });
}

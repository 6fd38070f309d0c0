import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InterleafError } from "../errors/index.js";
import type { ImageStore } from "../images/image-store.js";

/** Options for {@link imageStoreConformance}. */
export interface ImageStoreConformanceOptions {
  /** Called after each test with what the factory returned: close connections, drop tables. */
  dispose?: (subject: ImageStore) => void | Promise<void>;
  /** Timeout in milliseconds for the slow cases (large values, concurrency); default 60 000. */
  timeoutMs?: number;
}

/**
 * The conformance suite every {@link ImageStore} must pass (vitest): round trip, ids are the
 * sha256 of the bytes, identical bytes stored once, unknown ids → `image_not_found`, binary
 * safety, concurrent identical puts, large values. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * import { MemoryImageStore } from "interleaf/storage";
 * import { imageStoreConformance } from "interleaf/conformance";
 *
 * imageStoreConformance("memory", () => new MemoryImageStore());
 * ```
 */
export function imageStoreConformance(name: string, factory: () => ImageStore | Promise<ImageStore>, options: ImageStoreConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 60_000;
  describe(`${name}: ImageStore conformance`, () => {
    let store: ImageStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await options.dispose?.(store);
    });

    it("declares specification version v1", () => {
      expect(store.specificationVersion).toBe("v1");
    });

    it("returns the sha256 of the bytes as the id and reads the bytes and mime back", async () => {
      const bytes = new Uint8Array(randomBytes(1024));
      const id = await store.put(bytes, "image/png");
      expect(id).toBe(createHash("sha256").update(bytes).digest("hex"));
      const back = await store.get(id);
      expect(back.mime).toBe("image/png");
      expect(back.bytes).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(back.bytes).equals(Buffer.from(bytes))).toBe(true);
    });

    it("reports which ids it holds", async () => {
      const bytes = new Uint8Array(randomBytes(64));
      const id = createHash("sha256").update(bytes).digest("hex");
      expect(await store.has(id)).toBe(false);
      await store.put(bytes, "image/jpeg");
      expect(await store.has(id)).toBe(true);
    });

    it("dedupes by hash: identical bytes get one id and keep the first mime", async () => {
      const bytes = new Uint8Array(randomBytes(256));
      const first = await store.put(bytes, "image/jpeg");
      const second = await store.put(new Uint8Array(bytes), "image/webp");
      expect(second).toBe(first);
      expect((await store.get(first)).mime).toBe("image/jpeg");
      const other = await store.put(new Uint8Array(randomBytes(256)), "image/jpeg");
      expect(other).not.toBe(first);
    });

    it("throws image_not_found for an unknown or malformed id", async () => {
      const unknown = createHash("sha256").update(randomBytes(16)).digest("hex");
      for (const id of [unknown, "", "../etc/passwd", "'; DROP TABLE images; --"]) {
        const error = await store.get(id).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(InterleafError.isInstance(error), `get(${JSON.stringify(id)}) must reject with an InterleafError`).toBe(true);
        expect((error as InterleafError).code).toBe("image_not_found");
        expect(await store.has(id)).toBe(false);
      }
    });

    it("is binary safe: every byte value, NUL bytes and views into larger buffers", async () => {
      const all = new Uint8Array(512);
      for (let i = 0; i < all.length; i += 1) all[i] = i % 256;
      const backing = new Uint8Array([0xff, 0xfe, 0, 0, 0, 0xc3, 0x28, 0, 0xfe, 0xff]);
      const view = backing.subarray(2, 8);
      for (const bytes of [all, new Uint8Array(16), view]) {
        const id = await store.put(bytes, "application/octet-stream");
        expect(id).toBe(createHash("sha256").update(bytes).digest("hex"));
        expect(Array.from((await store.get(id)).bytes)).toEqual(Array.from(bytes));
      }
    });

    it("keeps its own copy: changing the caller's array after put changes nothing", async () => {
      const bytes = new Uint8Array(randomBytes(128));
      const original = Array.from(bytes);
      const id = await store.put(bytes, "image/png");
      bytes.fill(0);
      expect(Array.from((await store.get(id)).bytes)).toEqual(original);
    });

    it("handles concurrent puts of identical and of distinct bytes", { timeout }, async () => {
      const same = new Uint8Array(randomBytes(4096));
      const ids = await Promise.all(Array.from({ length: 16 }, () => store.put(new Uint8Array(same), "image/jpeg")));
      expect(new Set(ids).size).toBe(1);
      expect(Buffer.from((await store.get(ids[0] as string)).bytes).equals(Buffer.from(same))).toBe(true);
      const distinct = Array.from({ length: 16 }, () => new Uint8Array(randomBytes(512)));
      const distinctIds = await Promise.all(distinct.map((bytes) => store.put(bytes, "image/png")));
      expect(new Set(distinctIds).size).toBe(distinct.length);
      const back = await Promise.all(distinctIds.map((id) => store.get(id)));
      back.forEach((image, i) => expect(Buffer.from(image.bytes).equals(Buffer.from(distinct[i] as Uint8Array))).toBe(true));
    });

    it("stores large values (12 MB) intact", { timeout }, async () => {
      const bytes = new Uint8Array(randomBytes(12 * 1024 * 1024));
      const id = await store.put(bytes, "image/tiff");
      const back = await store.get(id);
      expect(back.bytes.byteLength).toBe(bytes.byteLength);
      expect(createHash("sha256").update(back.bytes).digest("hex")).toBe(id);
    });
  });
}

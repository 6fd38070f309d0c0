import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ResultCache } from "../storage/result-cache.js";

/** Options for {@link resultCacheConformance}. */
export interface ResultCacheConformanceOptions {
  /** Called after each test with what the factory returned: close connections, drop tables. */
  dispose?: (subject: ResultCache) => void | Promise<void>;
  /** Timeout in milliseconds for the slow cases (large values, concurrency); default 60 000. */
  timeoutMs?: number;
}

/**
 * The conformance suite every {@link ResultCache} must pass (vitest): JSON round trip, overwrite,
 * missing keys, `undefined` removes, strings JSON can hold (NUL, emoji), copies not aliases,
 * concurrent writes, large values. Call it at the top level of a test file.
 *
 * @example
 * ```ts
 * import { MemoryResultCache } from "interleaf/storage";
 * import { resultCacheConformance } from "interleaf/conformance";
 *
 * resultCacheConformance("memory", () => new MemoryResultCache());
 * ```
 */
export function resultCacheConformance(name: string, factory: () => ResultCache | Promise<ResultCache>, options: ResultCacheConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 60_000;
  describe(`${name}: ResultCache conformance`, () => {
    let cache: ResultCache;
    // Keys unique to this run, so implementations backed by a shared database do not collide.
    const prefix = `conformance:${randomBytes(6).toString("hex")}:`;
    beforeEach(async () => {
      cache = await factory();
    });
    afterEach(async () => {
      await options.dispose?.(cache);
    });

    it("declares specification version v1", () => {
      expect(cache.specificationVersion).toBe("v1");
    });

    it("returns undefined for a key never set", async () => {
      expect(await cache.get(`${prefix}missing`)).toBeUndefined();
    });

    it("round-trips JSON values of every kind", async () => {
      const values: unknown[] = [
        { query: "cats", hits: [{ url: "http://127.0.0.1/a", score: 0.5 }], nested: { deep: [1, [2, [3]]] }, flag: false, none: null },
        [1, "two", { three: 3 }],
        "a plain string",
        0,
        -12.5,
        true,
        null,
      ];
      for (const [i, value] of values.entries()) {
        await cache.set(`${prefix}kind:${i}`, value);
        expect(await cache.get(`${prefix}kind:${i}`)).toEqual(value);
      }
    });

    it("replaces an earlier value and keeps keys apart", async () => {
      await cache.set(`${prefix}k`, { version: 1 });
      await cache.set(`${prefix}K`, { version: "upper" });
      await cache.set(`${prefix}k`, { version: 2 });
      expect(await cache.get(`${prefix}k`)).toEqual({ version: 2 });
      expect(await cache.get(`${prefix}K`)).toEqual({ version: "upper" });
    });

    it("treats undefined as removing the key", async () => {
      await cache.set(`${prefix}gone`, { here: true });
      await cache.set(`${prefix}gone`, undefined);
      expect(await cache.get(`${prefix}gone`)).toBeUndefined();
    });

    it("keeps JSON semantics: dates become ISO strings, undefined fields vanish", async () => {
      await cache.set(`${prefix}json`, { at: new Date(0), missing: undefined, kept: 1 });
      expect(await cache.get(`${prefix}json`)).toEqual({ at: "1970-01-01T00:00:00.000Z", kept: 1 });
    });

    it("is safe for any string JSON can hold, in keys and values", async () => {
      const text = "nul\u0000 tab\t quote\" backslash\\ emoji 🖼️ accents éß 中文 \u2028 lone \ud800 end";
      const key = `${prefix}ключ/🔑/${"x".repeat(500)}`;
      await cache.set(key, { text });
      expect(await cache.get(key)).toEqual({ text });
    });

    it("stores a copy: changing the object after set changes nothing", async () => {
      const value = { list: [1, 2, 3] };
      await cache.set(`${prefix}copy`, value);
      value.list.push(4);
      expect(await cache.get(`${prefix}copy`)).toEqual({ list: [1, 2, 3] });
    });

    it("handles concurrent writes to distinct and to identical keys", { timeout }, async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => cache.set(`${prefix}many:${i}`, { i })));
      await Promise.all(Array.from({ length: 20 }, () => cache.set(`${prefix}same`, { same: true })));
      const back = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.get(`${prefix}many:${i}`)));
      expect(back).toEqual(Array.from({ length: 20 }, (_, i) => ({ i })));
      expect(await cache.get(`${prefix}same`)).toEqual({ same: true });
    });

    it("stores large values (8 MB of JSON) intact", { timeout }, async () => {
      const big = { text: randomBytes(3 * 1024 * 1024).toString("base64"), rows: Array.from({ length: 20_000 }, (_, i) => ({ i, s: `row ${i}` })) };
      await cache.set(`${prefix}big`, big);
      expect(await cache.get(`${prefix}big`)).toEqual(big);
    });
  });
}

import type { ResultCache } from "./result-cache.js";

/** A {@link ResultCache} in process memory; values are stored as JSON text, as the durable ones are. */
export class MemoryResultCache implements ResultCache {
  readonly specificationVersion = "v1" as const;
  readonly #values = new Map<string, string>();

  async get<T = unknown>(key: string): Promise<T | undefined> {
    const text = this.#values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#values.set(key, JSON.stringify(value));
  }
}

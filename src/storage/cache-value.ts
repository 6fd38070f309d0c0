import { InterleafError } from "../errors/index.js";

/**
 * The JSON text a durable result cache stores, or `undefined` when the value has no JSON form
 * (`undefined`, a function), which the caches treat as "remove the key" (as the memory cache
 * does). Values JSON cannot hold (BigInt, cycles) throw `invalid_argument`.
 */
export function serializeCacheValue(key: string, value: unknown): string | undefined {
  try {
    return JSON.stringify(value) as string | undefined;
  } catch (error) {
    throw new InterleafError("invalid_argument", `the value for cache key ${JSON.stringify(key)} cannot be stored as JSON (${error instanceof Error ? error.message : String(error)}); store plain data`, { cause: error });
  }
}

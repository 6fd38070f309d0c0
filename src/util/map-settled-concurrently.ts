/**
 * Maps `items` through `fn` with at most `maxConcurrency` calls in flight, keeping input order in the
 * output. Every item settles: failures come back as `{ ok: false, error }`, never reject the map.
 *
 * @example
 * ```ts
 * import { mapSettledConcurrently } from "./map-settled-concurrently.js";
 *
 * const out = await mapSettledConcurrently([1, 2, 3], 2, async (n) => n * 10);
 * console.log(out.map((r) => (r.ok ? r.value : r.error))); // [10, 20, 30]
 * ```
 */
export async function mapSettledConcurrently<T, R>(items: readonly T[], maxConcurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<Settled<R>[]> {
  const out = new Array<Settled<R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        out[index] = { ok: true, value: await fn(items[index] as T, index) };
      } catch (error) {
        out[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(maxConcurrency, items.length)) }, worker));
  return out;
}

/** The outcome of one item of {@link mapSettledConcurrently}. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

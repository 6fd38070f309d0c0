/**
 * A permutation of `0..n-1` drawn from a seed (mulberry32 driving a Fisher–Yates shuffle): the same
 * seed and key give the same order on every machine, so a run records its seed and any item's
 * option order can be rebuilt. `key` (e.g. an item id) makes items independent of reading order.
 *
 * @example
 * ```ts
 * import { seededPermutation } from "interleaf/eval";
 *
 * const order = seededPermutation(4, 7, "item-1");
 * console.log([...order].sort().join(",")); // "0,1,2,3"
 * ```
 */
export function seededPermutation(n: number, seed: number, key = ""): number[] {
  const random = mulberry32(mix(seed, key));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

function mix(seed: number, key: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b) >>> 0;
  return h;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

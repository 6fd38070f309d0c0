import { InterleafError } from "../../errors/index.js";
import { asNumber, mean, type ItemScore } from "./item-score.js";

// Aggregations over k samples per item. `samples[i][j]` is the score of sample j of item i.
// "Correct" is a score of 1 (or true) unless a predicate says otherwise.

/** When a sample counts as correct for Pass@k and Best@1: by default a score of exactly 1 (or `true`). */
export type IsCorrect = (score: ItemScore) => boolean;

const exactlyOne: IsCorrect = (score) => asNumber(score) === 1;

/**
 * Avg@k: the mean over items of the mean score of their k samples.
 *
 * @example
 * ```ts
 * import { avgAtK } from "interleaf/eval";
 * avgAtK([[1, 0], [1, 1]]); // 0.75
 * ```
 */
export function avgAtK(samples: readonly (readonly ItemScore[])[]): number {
  return mean(samples.map((scores) => mean(scores.map(asNumber))));
}

/**
 * Pass@k with exactly k samples per item: the fraction of items with at least one correct sample
 * among their first k.
 *
 * @example
 * ```ts
 * import { passAtK } from "interleaf/eval";
 * passAtK([[0, 1], [0, 0]], 2); // 0.5
 * ```
 */
export function passAtK(samples: readonly (readonly ItemScore[])[], k: number, isCorrect: IsCorrect = exactlyOne): number {
  for (const scores of samples) {
    if (scores.length < k) throw new InterleafError("invalid_argument", `pass@${k} needs ${k} samples per item, an item has ${scores.length}`, { details: { argument: "k", value: k } });
  }
  return mean(samples.map((scores) => (scores.slice(0, k).some(isCorrect) ? 1 : 0)));
}

/**
 * The unbiased pass@k estimate for one item from n samples of which c are correct (Chen et al.
 * 2021, openai/human-eval `estimate_pass_at_k`): 1 - C(n-c, k) / C(n, k), computed as a product.
 *
 * @example
 * ```ts
 * import { unbiasedPassAtK } from "interleaf/eval";
 * unbiasedPassAtK(10, 3, 1); // ≈ 0.3
 * ```
 */
export function unbiasedPassAtK(n: number, c: number, k: number): number {
  if (k > n || c > n || k < 1) throw new InterleafError("invalid_argument", `unbiased pass@k needs 1 <= k <= n and c <= n (n=${n}, c=${c}, k=${k})`, { details: { argument: "k", value: k } });
  if (n - c < k) return 1.0;
  let product = 1.0;
  for (let i = n - c + 1; i <= n; i += 1) product *= 1.0 - k / i;
  return 1.0 - product;
}

/**
 * The mean over items of {@link unbiasedPassAtK} from each item's n samples (n > k).
 *
 * @example
 * ```ts
 * import { meanUnbiasedPassAtK } from "interleaf/eval";
 * meanUnbiasedPassAtK([[1, 0, 0, 0], [0, 0, 0, 0]], 2); // 0.25
 * ```
 */
export function meanUnbiasedPassAtK(samples: readonly (readonly ItemScore[])[], k: number, isCorrect: IsCorrect = exactlyOne): number {
  return mean(samples.map((scores) => unbiasedPassAtK(scores.length, scores.filter(isCorrect).length, k)));
}

/**
 * Best@1: the accuracy of the best of the k runs, a run being sample j of every item.
 *
 * @example
 * ```ts
 * import { bestAt1 } from "interleaf/eval";
 * bestAt1([[1, 0], [0, 0], [1, 1]]); // 2 / 3 (run 0)
 * ```
 */
export function bestAt1(samples: readonly (readonly ItemScore[])[]): number {
  const runs = Math.min(...samples.map((scores) => scores.length));
  let best = Number.NEGATIVE_INFINITY;
  for (let run = 0; run < runs; run += 1) best = Math.max(best, mean(samples.map((scores) => asNumber(scores[run] ?? 0))));
  return best;
}

/** A per-item score as scorers return it: 0/1, a float, or a boolean (true counts as 1, as in Python). */
export type ItemScore = number | boolean;

/** The score as a number, as Python arithmetic treats booleans. */
export const asNumber = (score: ItemScore): number => (typeof score === "boolean" ? (score ? 1 : 0) : score);

/** The arithmetic mean (NaN for no values, as `numpy.mean` of an empty list). */
export function mean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

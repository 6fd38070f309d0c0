/** One figure of `npm run bench`: interleaf against a baseline run in the same process. */
export interface Measurement {
  interleaf: number;
  baseline: number;
  ratio: number;
  unit: string;
  /** What the baseline is, and the target. */
  note?: string;
}

/** Builds a measurement; the ratio is interleaf / baseline. */
export function measurement(interleaf: number, baseline: number, unit: string, note?: string): Measurement {
  const ratio = baseline === 0 ? Number.NaN : interleaf / baseline;
  return { interleaf: round(interleaf), baseline: round(baseline), ratio: round(ratio, 3), unit, ...(note ? { note } : {}) };
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A benchmark: a name and a function that returns its measurements by key. */
export interface Bench {
  name: string;
  run(): Promise<Record<string, Measurement>>;
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

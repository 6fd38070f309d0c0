import type { ImageStore } from "../images/image-store.js";
import type { ResultCache } from "../storage/result-cache.js";
import type { TrajectoryRecord } from "./trajectory-record.js";

/** A filter's decision on one trajectory: kept or dropped, and why it was dropped. */
export type FilterVerdict = { pass: true } | { pass: false; reason: string };

/** What a filter may use: the images of the trajectories and a cache for judges' verdicts. */
export interface FilterContext {
  images: ImageStore;
  /** Judges' verdicts are kept here, so a rerun asks no judge twice. */
  cache: ResultCache;
  signal?: AbortSignal;
}

/**
 * A named test a trajectory must pass to become training data (R1V4 §4: answer, format, final and
 * step consistency, tool errors, repetition, length). `check` looks at one trajectory; a filter
 * that compares trajectories with each other (deduplication) has `checkAll` instead. Filters are
 * plain objects: write your own.
 *
 * @example
 * ```ts
 * import type { DataFilter } from "interleaf/data";
 *
 * const hasImages: DataFilter = {
 *   name: "has-images",
 *   version: "1",
 *   async check(record) {
 *     return record.images.length > 0 ? { pass: true } : { pass: false, reason: "no input image" };
 *   },
 * };
 * ```
 */
export type DataFilter =
  | { readonly name: string; readonly version: string; check(record: TrajectoryRecord, context: FilterContext): Promise<FilterVerdict>; checkAll?: never }
  | { readonly name: string; readonly version: string; checkAll(records: readonly TrajectoryRecord[], context: FilterContext): Promise<FilterVerdict[]>; check?: never };

/** The verdict that keeps a trajectory. */
export const PASS: FilterVerdict = { pass: true };

/** A verdict that drops a trajectory, for a reason. */
export function drop(reason: string): FilterVerdict {
  return { pass: false, reason };
}

import type { ImageRef } from "../../images/image-ref.js";
import type { ScoreCase } from "../scorer.js";

/**
 * An image of an eval item: encoded bytes (decoded from a TSV cell or a parquet column), a file
 * path, or a reference already in the image store. The runner puts bytes and files into the
 * content-addressed image store; thread state only ever holds the reference.
 */
export type EvalImage = Uint8Array | string | ImageRef;

/**
 * One benchmark question as a loader yields it: what the agent is asked, its images, and what the
 * scorers need (the fields of the `interleaf eval score --cases` contract, snake_case as the
 * benchmarks write them).
 *
 * @example
 * ```ts
 * import type { EvalItem } from "interleaf/eval";
 *
 * const item: EvalItem = { id: "q1", question: "What colour is the sign?", images: ["sign.jpg"], gold: "red", category: "colour" };
 * console.log(item.gold); // "red"
 * ```
 */
export interface EvalItem extends Omit<ScoreCase, "id" | "prediction" | "judge_output" | "question"> {
  /** Stable within the dataset (the benchmark's own index when it has one). */
  id: string;
  /** The text the agent is asked (options included, as the benchmark's prompt lays them out). */
  question: string;
  images: EvalImage[];
  /** Columns reports group by, as the file names them (`category`, `l2-category`, `cycle_category`, ...). */
  groups?: Record<string, string>;
  /** V* built from the official JSONs: `permutation[i]` is the original index of the option now at letter i. */
  permutation?: number[];
}

/**
 * A benchmark or custom dataset: where it comes from and its items, read as a stream (HR-Bench
 * 8K's TSV is 4.6 GB), so a run holds only the items in flight.
 *
 * @example
 * ```ts
 * import { loadCustomDataset } from "interleaf/eval";
 *
 * const dataset = loadCustomDataset("questions.jsonl");
 * for await (const item of dataset.items()) console.log(item.id, item.question);
 * ```
 */
export interface EvalDataset {
  /** `fvqa`, `hrbench-4k`, `vstar`, `browsecomp-vl`, ... or `custom`. */
  readonly benchmark: string;
  /** The file or folder read. */
  readonly source: string;
  /** The items in order; the loader checks the row count against the manifest when the stream ends. */
  items(): AsyncIterable<EvalItem>;
  /** A digest of the files read (md5 hex, as VLMEvalKit publishes them), checked against the manifest by {@link verifyDataset}. */
  checksum(): Promise<string>;
}

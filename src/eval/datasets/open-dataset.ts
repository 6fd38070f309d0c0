import { existsSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { InterleafError } from "../../errors/index.js";
import type { ImageStore } from "../../images/image-store.js";
import { loadBrowseCompVl } from "./browsecomp-vl-jsonl.js";
import { loadCustomDataset } from "./custom-dataset.js";
import type { EvalDataset } from "./eval-item.js";
import { loadFvqaParquet } from "./fvqa-parquet.js";
import { loadVlmEvalKitTsv } from "./vlmevalkit-tsv.js";
import { loadVstarFolder } from "./vstar-folder.js";
import { loadMmeRealWorldJson } from "./mme-realworld-json.js";

/** The layouts {@link openDataset} reads. */
export const DATASET_LAYOUTS = ["vlmevalkit-tsv", "fvqa-parquet", "vstar-folder", "browsecomp-vl-jsonl", "mme-realworld-json", "custom"] as const;

/**
 * What a run records about its dataset, enough to open it again on resume: the layout, the path
 * (absolute), the benchmark id and the shuffle seed.
 */
export const DatasetRefSchema = z.object({
  layout: z.enum(DATASET_LAYOUTS),
  path: z.string(),
  benchmark: z.string(),
  seed: z.number().int().default(0),
});
/**
 * What a run records about its dataset (see {@link datasetRefFor}).
 *
 * @useDeclaredType
 */
export type DatasetRef = z.infer<typeof DatasetRefSchema>;

const TSV_BENCHMARKS: [RegExp, string][] = [
  [/hr_bench_4k/i, "hrbench-4k"],
  [/hr_bench_8k/i, "hrbench-8k"],
  [/vstar/i, "vstar-tsv"],
  [/mme-?realworld-?lite/i, "mme-realworld-lite-tsv"],
  [/mme-?realworld/i, "mme-realworld-tsv"],
];

/**
 * Guesses a dataset's layout and benchmark from its path: a `.parquet` is FVQA; a `.tsv` is a
 * VLMEvalKit TSV (HR-Bench, V*, MME-RealWorld by file name, else `custom`); a folder with
 * `direct_attributes/` is V*; `bc_vl*.jsonl` is BrowseComp-VL; any other `.jsonl` or `.csv` is a
 * custom dataset. `benchmark` overrides the guessed benchmark id.
 *
 * @example
 * ```ts
 * import { datasetRefFor } from "interleaf/eval";
 *
 * console.log(datasetRefFor("/data/hr_bench_4k.tsv")); // { layout: "vlmevalkit-tsv", path: "/data/hr_bench_4k.tsv", benchmark: "hrbench-4k", seed: 0 }
 * ```
 */
export function datasetRefFor(path: string, options: { benchmark?: string; seed?: number } = {}): DatasetRef {
  const name = basename(path).toLowerCase();
  const seed = options.seed ?? 0;
  const ref = (layout: DatasetRef["layout"], benchmark: string): DatasetRef => ({ layout, path, benchmark: options.benchmark ?? benchmark, seed });
  if (existsSync(path) && statSync(path).isDirectory()) {
    if (existsSync(join(path, "direct_attributes")) || existsSync(join(path, "relative_position"))) return ref("vstar-folder", "vstar");
    throw new InterleafError("dataset_invalid", `${path} is a folder but not V*'s (direct_attributes/, relative_position/)`, { details: { path } });
  }
  if (name.endsWith(".parquet")) return ref("fvqa-parquet", "fvqa");
  if (name.endsWith(".tsv")) return ref("vlmevalkit-tsv", TSV_BENCHMARKS.find(([pattern]) => pattern.test(name))?.[1] ?? "custom");
  if (name.endsWith(".jsonl") && name.startsWith("bc_vl")) return ref("browsecomp-vl-jsonl", "browsecomp-vl");
  if (name.endsWith(".json") && name.startsWith("mme-realworld")) return ref("mme-realworld-json", "mme-realworld");
  if (name.endsWith(".jsonl") || name.endsWith(".csv")) return ref("custom", "custom");
  throw new InterleafError("dataset_invalid", `cannot tell the layout of ${path}: expected a .tsv, .parquet, .jsonl or .csv file, MME-RealWorld's .json, or a V* folder`, { details: { path } });
}

/**
 * Opens the dataset a {@link DatasetRef} describes. Images of VLMEvalKit TSVs go into `imageStore`
 * as they stream by, when given.
 *
 * @example
 * ```ts
 * import { datasetRefFor, openDataset } from "interleaf/eval";
 *
 * const dataset = openDataset(datasetRefFor("fvqa_test.parquet"));
 * console.log(dataset.benchmark); // "fvqa"
 * ```
 */
export function openDataset(ref: DatasetRef, imageStore?: ImageStore): EvalDataset {
  switch (ref.layout) {
    case "vlmevalkit-tsv":
      return loadVlmEvalKitTsv(ref.path, { benchmark: ref.benchmark, ...(imageStore ? { imageStore } : {}) });
    case "fvqa-parquet":
      return loadFvqaParquet(ref.path);
    case "vstar-folder":
      return loadVstarFolder(ref.path, { seed: ref.seed });
    case "browsecomp-vl-jsonl":
      return loadBrowseCompVl(ref.path);
    case "mme-realworld-json":
      return loadMmeRealWorldJson(ref.path);
    case "custom":
      return loadCustomDataset(ref.path);
  }
}

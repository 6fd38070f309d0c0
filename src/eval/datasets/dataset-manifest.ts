import { InterleafError } from "../../errors/index.js";
import type { EvalDataset } from "./eval-item.js";

/** What a benchmark file is expected to be: its row count and md5, where known. */
export interface DatasetManifest {
  /** Items in the file. */
  rows?: number;
  /** md5 (hex) of the file, as VLMEvalKit publishes it. */
  md5?: string;
  /** Where the numbers come from. */
  source: string;
}

const VLMEVALKIT = "open-compass/VLMEvalKit@e8e78f05f3080fe28154f2130321f17951c3be94 vlmeval/dataset/image_mcq.py DATASET_MD5";

/**
 * The manifests of the benchmarks interleaf knows, by benchmark id. A file that differs is refused
 * loudly (`dataset_invalid`): scores on another version of a benchmark are not comparable.
 *
 * @example
 * ```ts
 * import { BENCHMARK_MANIFESTS } from "interleaf/eval";
 *
 * console.log(BENCHMARK_MANIFESTS["hrbench-4k"]?.rows); // 800
 * ```
 */
export const BENCHMARK_MANIFESTS: Readonly<Record<string, DatasetManifest>> = {
  "hrbench-4k": { rows: 800, md5: "f6b041b03d49543494b8a56d2e35be65", source: VLMEVALKIT },
  "hrbench-8k": { rows: 800, md5: "274c9c7f89329b804a4723178a00219c", source: VLMEVALKIT },
  "vstar-tsv": { rows: 191, md5: "b18854d7075574be06b631cd5f7d2d6a", source: VLMEVALKIT },
  "mme-realworld-tsv": { md5: "fd341132362fc41e707cb37ee6e4dcda", source: VLMEVALKIT },
  "mme-realworld-lite-tsv": { md5: "4c17057d7d3b6c4a0d4397c3dae0881c", source: VLMEVALKIT },
  "browsecomp-vl-level1": { rows: 199, source: "Alibaba-NLP/DeepResearch@f72f75d8c3eb842f2bbbab096a12206ff66e270f WebAgent/WebWatcher/browsecomp-vl/bc_vl_level1.jsonl" },
  "browsecomp-vl-level2": { rows: 200, source: "Alibaba-NLP/DeepResearch@f72f75d8c3eb842f2bbbab096a12206ff66e270f WebAgent/WebWatcher/browsecomp-vl/bc_vl_level2.jsonl" },
};

/**
 * Checks a dataset's checksum against its manifest before a run starts; a mismatch is
 * `dataset_invalid` naming both digests. The row count is checked by the loader as it streams.
 * Returns the checksum (recorded in the run).
 *
 * @example
 * ```ts
 * import { loadCustomDataset, verifyDataset } from "interleaf/eval";
 *
 * const md5 = await verifyDataset(loadCustomDataset("questions.jsonl"), { source: "mine" });
 * console.log(md5.length); // 32
 * ```
 */
export async function verifyDataset(dataset: EvalDataset, manifest: DatasetManifest | undefined = BENCHMARK_MANIFESTS[dataset.benchmark]): Promise<string> {
  const actual = await dataset.checksum();
  if (manifest?.md5 !== undefined && manifest.md5 !== actual) {
    throw new InterleafError("dataset_invalid", `${dataset.source} is not the ${dataset.benchmark} file the scores refer to: md5 ${actual}, expected ${manifest.md5} (${manifest.source}); download it again, or load it as a custom dataset`, {
      details: { path: dataset.source, benchmark: dataset.benchmark, expected: manifest.md5, actual },
    });
  }
  return actual;
}

/** Throws `dataset_invalid` when a stream ended with another row count than the manifest's. */
export function checkRowCount(dataset: Pick<EvalDataset, "benchmark" | "source">, rows: number, manifest: DatasetManifest | undefined): void {
  if (manifest?.rows === undefined || manifest.rows === rows) return;
  throw new InterleafError("dataset_invalid", `${dataset.source} has ${rows} rows, but ${dataset.benchmark} has ${manifest.rows} (${manifest.source}); the file is truncated or another version`, {
    details: { path: dataset.source, benchmark: dataset.benchmark, expected: manifest.rows, actual: rows },
  });
}

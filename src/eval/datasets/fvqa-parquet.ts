import { InterleafError } from "../../errors/index.js";
import { BENCHMARK_MANIFESTS, checkRowCount, type DatasetManifest } from "./dataset-manifest.js";
import type { EvalDataset, EvalItem } from "./eval-item.js";
import { fileMd5 } from "./file-digest.js";
import { parquetRows, parquetText } from "./parquet-rows.js";

/** Options of {@link loadFvqaParquet}. */
export interface FvqaParquetOptions {
  /** The manifest checked (default: `BENCHMARK_MANIFESTS.fvqa`, none today); `false` checks nothing. */
  manifest?: DatasetManifest | false;
}

/**
 * FVQA as MMSearch-R1 ships it (parquet, the layout of its verl training and test files): the
 * question in `prompt[0].content`, the image bytes in `images[0].bytes`, the gold answer in
 * `reward_model.ground_truth` and the accepted alternatives in `reward_model.candidate_answers`
 * (a stringified JSON list), the source in `data_source`. Items are numbered by row.
 *
 * @example
 * ```ts
 * import { loadFvqaParquet } from "interleaf/eval";
 *
 * for await (const item of loadFvqaParquet("fvqa_test.parquet").items()) console.log(item.question, item.gold);
 * ```
 */
export function loadFvqaParquet(path: string, options: FvqaParquetOptions = {}): EvalDataset {
  const manifest = options.manifest === false ? undefined : (options.manifest ?? BENCHMARK_MANIFESTS.fvqa);
  const dataset: EvalDataset = {
    benchmark: "fvqa",
    source: path,
    checksum: () => fileMd5(path),
    async *items() {
      let row = 0;
      for await (const record of parquetRows(path)) {
        yield fvqaItem(record, row, path);
        row += 1;
      }
      checkRowCount(dataset, row, manifest);
    },
  };
  return dataset;
}

function fvqaItem(record: Record<string, unknown>, row: number, path: string): EvalItem {
  const bad = (what: string): never => {
    throw new InterleafError("dataset_invalid", `${path} row ${row} is not an FVQA row: ${what}`, { details: { path, row } });
  };
  const prompt = Array.isArray(record.prompt) ? (record.prompt as Record<string, unknown>[]) : bad("no prompt list");
  const user = prompt.find((message) => parquetText(message.role) === "user") ?? prompt[0];
  const question = parquetText(user?.content) ?? bad("no question in prompt");
  const images = Array.isArray(record.images) ? (record.images as Record<string, unknown>[]) : [];
  const bytes = images.map((image) => (image.bytes instanceof Uint8Array ? image.bytes : bad("an image without bytes")));
  const reward = (record.reward_model ?? {}) as Record<string, unknown>;
  const gold = parquetText(reward.ground_truth) ?? bad("no reward_model.ground_truth");
  const candidatesText = parquetText(reward.candidate_answers);
  let candidates: string[] | undefined;
  if (candidatesText !== undefined) {
    try {
      const parsed: unknown = JSON.parse(candidatesText);
      candidates = Array.isArray(parsed) ? parsed.map(String) : bad("candidate_answers is not a list");
    } catch (error) {
      if (InterleafError.isInstance(error)) throw error;
      bad(`candidate_answers is not JSON (${(error as Error).message})`);
    }
  }
  const source = parquetText(record.data_source);
  return {
    id: String(row),
    question,
    images: bytes,
    gold,
    ...(candidates ? { candidates } : {}),
    ...(source !== undefined ? { groups: { data_source: source } } : {}),
  };
}

import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { InterleafError } from "../../errors/index.js";
import type { ImageRef } from "../../images/image-ref.js";
import type { ImageStore } from "../../images/image-store.js";
import { ingestImage } from "../../images/ingest.js";
import { BENCHMARK_MANIFESTS, checkRowCount, type DatasetManifest } from "./dataset-manifest.js";
import type { EvalDataset, EvalImage, EvalItem } from "./eval-item.js";
import { fileMd5 } from "./file-digest.js";
import { mcqPrompt } from "./mcq-prompt.js";
import { parseStringifiedList } from "./stringified-list.js";

/** Options of {@link loadVlmEvalKitTsv}. */
export interface VlmEvalKitTsvOptions {
  /** The benchmark id (`hrbench-4k`, `vstar-tsv`, `mme-realworld-tsv`, ...); its manifest is checked. Default `custom`. */
  benchmark?: string;
  /** Overrides the manifest of `benchmark`; `false` checks nothing. */
  manifest?: DatasetManifest | false;
  /**
   * Where decoded images go as rows stream by. With a store, a row whose `image` cell names
   * another row keeps only that row's reference (a few bytes) instead of its base64 text.
   */
  imageStore?: ImageStore;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

/**
 * A VLMEvalKit TSV (HR-Bench, V*, MME-RealWorld as VLMEvalKit ships them), read as a stream with a
 * quote-aware parser: base64 images (one, or a stringified list), an `image` cell of 64 characters
 * or fewer that is another row's `index` (VLMEvalKit's space saving, resolved as its
 * `ImageBaseDataset.prepare_tsv` does), option columns `A`…`Z`, `hint`, and the prompt of
 * `ImageMCQDataset.build_prompt`. Category columns (`category`, `l2-category`, `cycle_category`)
 * are kept for the per-category reports.
 *
 * @example
 * ```ts
 * import { loadVlmEvalKitTsv } from "interleaf/eval";
 *
 * const dataset = loadVlmEvalKitTsv("hr_bench_4k.tsv", { benchmark: "hrbench-4k" });
 * for await (const item of dataset.items()) console.log(item.id, item.gold, item.category);
 * ```
 */
export function loadVlmEvalKitTsv(path: string, options: VlmEvalKitTsvOptions = {}): EvalDataset {
  const benchmark = options.benchmark ?? "custom";
  const manifest = options.manifest === false ? undefined : (options.manifest ?? BENCHMARK_MANIFESTS[benchmark]);
  const dataset: EvalDataset = {
    benchmark,
    source: path,
    checksum: () => fileMd5(path),
    async *items() {
      // Images of rows other rows may point at: a reference when a store is given, else the base64 text.
      const byIndex = new Map<string, ImageRef | string[]>();
      let rows = 0;
      const parser = createReadStream(path).pipe(parse({ delimiter: "\t", columns: true, relax_column_count: true, bom: true }));
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          rows += 1;
          yield await itemOf(record, rows, byIndex, options.imageStore, path);
        }
      } catch (error) {
        if (InterleafError.isInstance(error)) throw error;
        throw new InterleafError("dataset_invalid", `cannot read ${path} as a VLMEvalKit TSV at row ${rows + 1}: ${(error as Error).message}`, { cause: error, details: { path, row: rows + 1 } });
      }
      checkRowCount(dataset, rows, manifest);
    },
  };
  return dataset;
}

async function itemOf(record: Record<string, string>, row: number, byIndex: Map<string, ImageRef | string[]>, store: ImageStore | undefined, path: string): Promise<EvalItem> {
  const cell = (name: string) => {
    const value = record[name];
    return value === undefined || value === "" ? undefined : value;
  };
  const id = cell("index") ?? String(row - 1);
  const question = cell("question");
  if (question === undefined) throw new InterleafError("dataset_invalid", `${path} row ${row} has no question`, { details: { path, row } });
  const options: Record<string, string> = {};
  for (const letter of LETTERS) {
    const text = cell(letter);
    if (text !== undefined) options[letter] = text;
  }
  const images = await imagesOf(cell("image"), id, row, byIndex, store, path);
  const groups: Record<string, string> = {};
  for (const name of ["category", "l2-category", "cycle_category", "split"]) {
    const value = cell(name);
    if (value !== undefined) groups[name] = value;
  }
  const category = cell("category");
  const answer = cell("answer");
  return {
    id,
    question: mcqPrompt(question, options, cell("hint")),
    images: images.length > 0 ? images : (cell("image_path") ? parseStringifiedList(cell("image_path") as string) : []),
    gold: answer === undefined ? null : answer,
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(Object.keys(groups).length > 0 ? { groups } : {}),
  };
}

async function imagesOf(cell: string | undefined, id: string, row: number, byIndex: Map<string, ImageRef | string[]>, store: ImageStore | undefined, path: string): Promise<EvalImage[]> {
  if (cell === undefined) return [];
  if (cell.length <= 64) {
    const target = byIndex.get(cell);
    if (target === undefined) {
      throw new InterleafError("dataset_invalid", `${path} row ${row}: its image is row ${cell}'s, which is not among the rows before it`, { details: { path, row, expected: cell } });
    }
    byIndex.set(id, target);
    return Array.isArray(target) ? target.map(decodeBase64) : [target];
  }
  const encoded = parseStringifiedList(cell);
  const bytes = encoded.map(decodeBase64);
  if (store && bytes.length === 1) {
    const ref = await ingestImage(store, bytes[0] as Uint8Array);
    byIndex.set(id, ref);
    return [ref];
  }
  byIndex.set(id, encoded);
  return bytes;
}

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}

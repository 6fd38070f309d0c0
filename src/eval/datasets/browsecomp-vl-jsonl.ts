import { basename } from "node:path";
import { InterleafError } from "../../errors/index.js";
import { BENCHMARK_MANIFESTS, checkRowCount, type DatasetManifest } from "./dataset-manifest.js";
import type { EvalDataset } from "./eval-item.js";
import { fileMd5 } from "./file-digest.js";
import { resolveImagePath } from "./image-path.js";
import { jsonLines } from "./json-lines.js";

/** Options of {@link loadBrowseCompVl}. */
export interface BrowseCompVlOptions {
  /** The folder image paths are relative to (default: the file's folder, else its parent, as upstream lays them out). */
  imageRoot?: string;
  /** The manifest checked (default: by file name, `bc_vl_level1.jsonl` 199 rows, `bc_vl_level2.jsonl` 200); `false` checks nothing. */
  manifest?: DatasetManifest | false;
}

/**
 * BrowseComp-VL as WebWatcher publishes it (Alibaba-NLP/DeepResearch,
 * `WebAgent/WebWatcher/browsecomp-vl/bc_vl_level{1,2}.jsonl`): one row per line with `question`,
 * `image_path`, `answers` (a list; the first is the gold answer, all are accepted alternatives)
 * and `domain` (the category). Items are numbered by line.
 *
 * @example
 * ```ts
 * import { loadBrowseCompVl } from "interleaf/eval";
 *
 * for await (const item of loadBrowseCompVl("WebWatcher/browsecomp-vl/bc_vl_level1.jsonl").items()) console.log(item.gold);
 * ```
 */
export function loadBrowseCompVl(path: string, options: BrowseCompVlOptions = {}): EvalDataset {
  const level = /level([12])/.exec(basename(path))?.[1];
  const manifest = options.manifest === false ? undefined : (options.manifest ?? (level ? BENCHMARK_MANIFESTS[`browsecomp-vl-level${level}`] : undefined));
  const dataset: EvalDataset = {
    benchmark: "browsecomp-vl",
    source: path,
    checksum: () => fileMd5(path),
    async *items() {
      let rows = 0;
      for await (const { row, value } of jsonLines(path)) {
        rows = row;
        const bad = (what: string): never => {
          throw new InterleafError("dataset_invalid", `${path} line ${row} is not a BrowseComp-VL row: ${what}`, { details: { path, row } });
        };
        const question = typeof value.question === "string" ? value.question : bad("no question");
        const answers = Array.isArray(value.answers) ? value.answers.map(String) : bad("no answers list");
        const image = typeof value.image_path === "string" ? [resolveImagePath(value.image_path, path, options.imageRoot)] : [];
        yield {
          id: String(row - 1),
          question,
          images: image,
          gold: answers[0] ?? "",
          alternative_gt_answers: answers,
          ...(typeof value.domain === "string" ? { category: value.domain, groups: { domain: value.domain } } : {}),
        };
      }
      checkRowCount(dataset, rows, manifest);
    },
  };
  return dataset;
}

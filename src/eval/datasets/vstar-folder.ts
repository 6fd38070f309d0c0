import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { InterleafError } from "../../errors/index.js";
import { checkRowCount, type DatasetManifest } from "./dataset-manifest.js";
import type { EvalDataset } from "./eval-item.js";
import { filesMd5 } from "./file-digest.js";
import { mcqPrompt } from "./mcq-prompt.js";
import { seededPermutation } from "./seeded-shuffle.js";

/** Options of {@link loadVstarFolder}. */
export interface VstarFolderOptions {
  /** Seed of the option shuffle (recorded in the run); default 0. */
  seed?: number;
  /** The manifest checked (default: 191 items, as V* has); `false` checks nothing. */
  manifest?: DatasetManifest | false;
}

/**
 * The two task folders of the official V* release and the category each reports as.
 *
 * @example
 * ```ts
 * import { VSTAR_TASKS } from "interleaf/eval";
 *
 * console.log(VSTAR_TASKS.relative_position); // "Spatial"
 * ```
 */
export const VSTAR_TASKS = { direct_attributes: "Attribute", relative_position: "Spatial" } as const;

const VSTAR_MANIFEST: DatasetManifest = { rows: 191, source: "craigwu/vstar_bench: 115 direct_attributes + 76 relative_position" };
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * V* from its official folders (`direct_attributes/`, `relative_position/`, each with one JSON per
 * image: `question`, `options`, …). The official JSONs list the correct option first, so a model
 * that always answers "A" would score 100%: options are shuffled with a seeded RNG, per item (keyed
 * by its id), and the permutation is recorded on the item (`permutation[i]` = original index of the
 * option at letter i). The gold answer is the letter the first option landed on.
 *
 * @example
 * ```ts
 * import { loadVstarFolder } from "interleaf/eval";
 *
 * for await (const item of loadVstarFolder("vstar_bench", { seed: 7 }).items()) console.log(item.gold, item.permutation);
 * ```
 */
export function loadVstarFolder(root: string, options: VstarFolderOptions = {}): EvalDataset {
  const seed = options.seed ?? 0;
  const manifest = options.manifest === false ? undefined : (options.manifest ?? VSTAR_MANIFEST);
  const files = () => {
    const out: string[] = [];
    for (const task of Object.keys(VSTAR_TASKS)) {
      const folder = join(root, task);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder).filter((n) => n.endsWith(".json")).sort()) out.push(join(folder, name));
    }
    if (out.length === 0) throw new InterleafError("dataset_invalid", `${root} has no V* JSONs in direct_attributes/ or relative_position/`, { details: { path: root } });
    return out;
  };
  const dataset: EvalDataset = {
    benchmark: "vstar",
    source: root,
    checksum: () => filesMd5(files()),
    async *items() {
      let rows = 0;
      for (const file of files()) {
        rows += 1;
        const task = basename(join(file, "..")) as keyof typeof VSTAR_TASKS;
        const id = `${task}/${basename(file, ".json")}`;
        let value: Record<string, unknown>;
        try {
          value = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
        } catch (error) {
          throw new InterleafError("dataset_invalid", `cannot read the V* item ${file}: ${(error as Error).message}`, { cause: error, details: { path: file } });
        }
        const question = typeof value.question === "string" ? value.question : undefined;
        const listed = Array.isArray(value.options) ? value.options.map(String) : undefined;
        if (question === undefined || !listed || listed.length < 2) throw new InterleafError("dataset_invalid", `${file} is not a V* item: it needs a question and at least two options`, { details: { path: file } });
        const permutation = seededPermutation(listed.length, seed, id);
        const shuffled: Record<string, string> = {};
        permutation.forEach((original, position) => (shuffled[LETTERS[position] as string] = listed[original] as string));
        const image = typeof value.image === "string" ? value.image : `${basename(file, ".json")}.jpg`;
        yield {
          id,
          question: mcqPrompt(question, shuffled),
          images: [join(root, task, image)],
          gold: LETTERS[permutation.indexOf(0)] as string,
          options: shuffled,
          category: VSTAR_TASKS[task],
          groups: { category: VSTAR_TASKS[task] },
          permutation,
        };
      }
      checkRowCount(dataset, rows, manifest);
    },
  };
  return dataset;
}

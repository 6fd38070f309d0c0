import { readFile } from "node:fs/promises";
import { InterleafError } from "../../errors/index.js";
import { checkRowCount, type DatasetManifest } from "./dataset-manifest.js";
import type { EvalDataset, EvalItem } from "./eval-item.js";
import { fileMd5 } from "./file-digest.js";
import { resolveImagePath } from "./image-path.js";

// MME-RealWorld's official evaluation (yfzhang114/MME-RealWorld @ 87096fcf6a67ee5a0016b81cb1746ccf14e1dd68,
// evaluation/model_vqa_mme_real_world.py, CustomDataset.__getitem__ and --test-prompt's default): the
// question, " The choices are listed below: \n", each choice and "\n", the test prompt, then
// "\nThe best answer is:".
const TEST_PROMPT = "Select the best answer to the above multiple-choice question based on the image. Respond with only the letter (A, B, C, D, or E) of the correct option.";

/** Options of {@link loadMmeRealWorldJson}. */
export interface MmeRealWorldJsonOptions {
  /** The folder the `Image` paths are relative to (default: beside the JSON file, or its parent). */
  imageRoot?: string;
  /** Expected row count (the official files: 23,609 for MME-RealWorld, 5,917 for the CN one); none checked by default. */
  manifest?: DatasetManifest;
}

/**
 * MME-RealWorld's official JSON (`MME-RealWorld.json`, `MME-RealWorld-CN.json`) with its image
 * folder: one item per entry, the question laid out as the official evaluation script lays it out,
 * `choices` as the file lists them (`(A) …`), the gold letter, and `Task` / `Subtask` / `Category`
 * as the groups its scorer aggregates by.
 *
 * @example
 * ```ts
 * import { loadMmeRealWorldJson } from "interleaf/eval";
 *
 * const dataset = loadMmeRealWorldJson("MME-RealWorld/MME-RealWorld.json", { imageRoot: "MME-RealWorld" });
 * console.log(dataset.benchmark); // "mme-realworld"
 * ```
 */
export function loadMmeRealWorldJson(path: string, options: MmeRealWorldJsonOptions = {}): EvalDataset {
  const dataset: EvalDataset = {
    benchmark: "mme-realworld",
    source: path,
    checksum: () => fileMd5(path),
    async *items() {
      let entries: unknown;
      try {
        entries = JSON.parse(await readFile(path, "utf8"));
      } catch (error) {
        throw new InterleafError("dataset_invalid", `${path} is not MME-RealWorld's JSON (a JSON array of questions)`, { cause: error, details: { path } });
      }
      if (!Array.isArray(entries)) throw new InterleafError("dataset_invalid", `${path} is not MME-RealWorld's JSON: expected a JSON array`, { details: { path } });
      let row = 0;
      for (const entry of entries as Record<string, unknown>[]) {
        yield itemOf(entry, row, path, options.imageRoot);
        row += 1;
      }
      checkRowCount(dataset, row, options.manifest);
    },
  };
  return dataset;
}

function itemOf(entry: Record<string, unknown>, row: number, path: string, imageRoot: string | undefined): EvalItem {
  const bad = (what: string): never => {
    throw new InterleafError("dataset_invalid", `${path} entry ${row} is not an MME-RealWorld question: ${what}`, { details: { path, row } });
  };
  const text = (key: string): string => (typeof entry[key] === "string" ? (entry[key] as string) : bad(`no "${key}"`));
  const choices = Array.isArray(entry["Answer choices"]) ? (entry["Answer choices"] as unknown[]).map(String) : bad('no "Answer choices" list');
  const question = `${text("Text")} The choices are listed below: \n${choices.map((choice) => `${choice}\n`).join("")}${TEST_PROMPT}\nThe best answer is:`;
  const groups: Record<string, string> = {};
  for (const key of ["Task", "Subtask", "Category"]) if (typeof entry[key] === "string") groups[key.toLowerCase()] = entry[key] as string;
  return {
    id: text("Question_id"),
    question,
    images: [resolveImagePath(text("Image"), path, imageRoot)],
    gold: text("Ground truth"),
    choices,
    ...(groups.category ? { category: groups.category } : {}),
    groups,
  };
}

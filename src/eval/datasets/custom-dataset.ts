import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { InterleafError } from "../../errors/index.js";
import type { EvalDataset, EvalItem } from "./eval-item.js";
import { fileMd5 } from "./file-digest.js";
import { resolveImagePath } from "./image-path.js";
import { jsonLines } from "./json-lines.js";
import { parseStringifiedList } from "./stringified-list.js";

/** Options of {@link loadCustomDataset}. */
export interface CustomDatasetOptions {
  /** The folder image paths are relative to (default: the file's folder). */
  imageRoot?: string;
}

const PASSED_THROUGH = ["options", "choices", "candidates", "alternative_gt_answers", "target_instances", "category"] as const;

/**
 * Your own dataset: a JSONL file (one object per line) or a CSV file (a header row), each row with
 * `question`, `answer` (or `gold`), optional `id` (default: the row number), `image` or `images`
 * (paths relative to the file; in CSV a single path or a list like `['a.jpg', 'b.jpg']`), and any
 * field the scorers read (`options`, `choices`, `candidates`, `alternative_gt_answers`,
 * `target_instances`, `category`; JSON-encoded in CSV).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { loadCustomDataset } from "interleaf/eval";
 *
 * writeFileSync("mine.jsonl", JSON.stringify({ question: "2 + 2?", answer: "4" }) + "\n");
 * for await (const item of loadCustomDataset("mine.jsonl").items()) console.log(item.id, item.gold); // 0 4
 * ```
 */
export function loadCustomDataset(path: string, options: CustomDatasetOptions = {}): EvalDataset {
  const csv = path.toLowerCase().endsWith(".csv");
  return {
    benchmark: "custom",
    source: path,
    checksum: () => fileMd5(path),
    async *items() {
      if (!csv) {
        for await (const { row, value } of jsonLines(path)) yield customItem(value, row, path, options.imageRoot, false);
        return;
      }
      const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true }));
      let row = 0;
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          row += 1;
          yield customItem(record, row, path, options.imageRoot, true);
        }
      } catch (error) {
        if (InterleafError.isInstance(error)) throw error;
        throw new InterleafError("dataset_invalid", `cannot read ${path} as CSV at row ${row + 1}: ${(error as Error).message}`, { cause: error, details: { path, row: row + 1 } });
      }
    },
  };
}

function customItem(value: Record<string, unknown>, row: number, path: string, imageRoot: string | undefined, csv: boolean): EvalItem {
  const bad = (what: string): never => {
    throw new InterleafError("dataset_invalid", `${path} row ${row}: ${what}`, { details: { path, row } });
  };
  const question = typeof value.question === "string" && value.question !== "" ? value.question : bad("no question");
  const gold = value.answer ?? value.gold ?? bad("no answer (or gold)");
  const named = value.images ?? value.image;
  let images: string[] = [];
  if (typeof named === "string" && named !== "") images = csv ? parseStringifiedList(named) : [named];
  else if (Array.isArray(named)) images = named.map(String);
  const item: EvalItem = { id: value.id === undefined || value.id === "" ? String(row - 1) : String(value.id), question, images: images.map((name) => resolveImagePath(name, path, imageRoot)), gold };
  for (const field of PASSED_THROUGH) {
    let extra = value[field];
    if (extra === undefined || extra === "") continue;
    if (csv && field !== "category" && typeof extra === "string") {
      try {
        extra = JSON.parse(extra);
      } catch {
        bad(`${field} is not JSON`);
      }
    }
    (item as unknown as Record<string, unknown>)[field] = extra;
  }
  return item;
}

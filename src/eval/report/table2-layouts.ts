/** One column of a benchmark's Table 2 row: its name and which items it averages. */
export interface Table2Column {
  name: string;
  /** The item field read (`category`, `l2-category`, ... from the item's groups, or its `category`). */
  group: string;
  /** Whether an item's value of that field belongs to the column (compared case-insensitively). */
  values: readonly string[];
}

/** A benchmark's columns in R1V4's Table 2 and how its Overall is computed. */
export interface Table2Layout {
  columns: readonly Table2Column[];
  /**
   * `micro`: over all items (V*, MME-RealWorld item-weighted, TreeBench); `mean-of-columns`: the
   * mean of the column scores (HR-Bench: (FSP + FCP) / 2).
   */
  overall: "micro" | "mean-of-columns";
  /**
   * A field whose groups are scored apart and then averaged (HR-Bench's `cycle_category`, as
   * VLMEvalKit's `report_acc_hrbench` does: a column is the sum over groups of the column's mean
   * in each group where it has items, divided by the number of groups).
   */
  cycleGroup?: string;
}

const HRBENCH: Table2Layout = {
  columns: [
    { name: "FSP", group: "category", values: ["single", "fsp"] },
    { name: "FCP", group: "category", values: ["cross", "fcp"] },
  ],
  overall: "mean-of-columns",
  // open-compass/VLMEvalKit@e8e78f05f3080fe28154f2130321f17951c3be94, vlmeval/dataset/utils/hrbench.py, report_acc_hrbench
  cycleGroup: "cycle_category",
};
const VSTAR: Table2Layout = {
  columns: [
    { name: "Attribute", group: "category", values: ["attribute", "direct_attributes"] },
    { name: "Spatial", group: "category", values: ["spatial", "relative_position"] },
  ],
  overall: "micro",
};
const MME_REALWORLD: Table2Layout = {
  columns: [
    { name: "Perception", group: "l2-category", values: ["perception"] },
    { name: "Reasoning", group: "l2-category", values: ["reasoning"] },
  ],
  overall: "micro",
};

// The official JSON names the task in `Task` (Perception / Reasoning).
const MME_REALWORLD_JSON: Table2Layout = {
  columns: [
    { name: "Perception", group: "task", values: ["perception"] },
    { name: "Reasoning", group: "task", values: ["reasoning"] },
  ],
  overall: "micro",
};

/**
 * The Table 2 layouts of the benchmarks R1V4 reports on, by benchmark id; any other benchmark gets
 * an Overall column only (micro-averaged).
 *
 * @example
 * ```ts
 * import { TABLE2_LAYOUTS } from "interleaf/eval";
 *
 * console.log(TABLE2_LAYOUTS["hrbench-4k"]?.columns.map((c) => c.name)); // ["FSP", "FCP"]
 * ```
 */
export const TABLE2_LAYOUTS: Readonly<Record<string, Table2Layout>> = {
  "hrbench-4k": HRBENCH,
  "hrbench-8k": HRBENCH,
  vstar: VSTAR,
  "vstar-tsv": VSTAR,
  "mme-realworld-tsv": MME_REALWORLD,
  "mme-realworld": MME_REALWORLD_JSON,
  "mme-realworld-lite-tsv": MME_REALWORLD,
};

/** Whether an item with these fields belongs to a column. */
export function inColumn(column: Table2Column, category: string | undefined, groups: Readonly<Record<string, string>> | undefined): boolean {
  const value = (groups?.[column.group] ?? (column.group === "category" ? category : undefined))?.toLowerCase();
  return value !== undefined && column.values.some((v) => value === v || value.startsWith(`${v}/`) || value.startsWith(`${v} `));
}

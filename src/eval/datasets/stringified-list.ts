import { InterleafError } from "../../errors/index.js";

/**
 * VLMEvalKit's `toliststr` (open-compass/VLMEvalKit@e8e78f05f3080fe28154f2130321f17951c3be94,
 * vlmeval/smp/misc.py): a cell that starts with `[` and ends with `]` is a Python list literal
 * (`['a', "b", 3]`), read here without `eval`; any other cell is a one-element list.
 *
 * @example
 * ```ts
 * import { parseStringifiedList } from "interleaf/eval";
 *
 * console.log(parseStringifiedList("['red', \"it's\", 3]")); // ["red", "it's", "3"]
 * console.log(parseStringifiedList("plain")); // ["plain"]
 * ```
 */
export function parseStringifiedList(cell: string): string[] {
  if (!(cell.length > 1 && cell.startsWith("[") && cell.endsWith("]"))) return [cell];
  const out: string[] = [];
  let i = 1;
  const end = cell.length - 1;
  const fail = (why: string): never => {
    throw new InterleafError("dataset_invalid", `cannot read the list ${cell.length > 80 ? `${cell.slice(0, 80)}…` : cell}: ${why}`, { details: { actual: cell.slice(0, 200) } });
  };
  const skipSpace = () => {
    while (i < end && /\s/.test(cell[i] as string)) i++;
  };
  skipSpace();
  while (i < end) {
    const quote = cell[i];
    if (quote === "'" || quote === '"') {
      let value = "";
      i++;
      while (i < end && cell[i] !== quote) {
        if (cell[i] === "\\" && i + 1 < end) {
          const next = cell[i + 1] as string;
          value += next === "n" ? "\n" : next === "t" ? "\t" : next;
          i += 2;
        } else {
          value += cell[i];
          i++;
        }
      }
      if (i >= end) fail("an unclosed string");
      i++;
      out.push(value);
    } else {
      const start = i;
      while (i < end && cell[i] !== ",") i++;
      const bare = cell.slice(start, i).trim();
      if (!/^-?[\d.eE+-]+$|^(True|False|None)$/.test(bare)) fail(`unexpected "${bare.slice(0, 20)}"`);
      out.push(bare);
    }
    skipSpace();
    if (i < end) {
      if (cell[i] !== ",") fail(`expected a comma at ${i}`);
      i++;
      skipSpace();
    }
  }
  return out;
}

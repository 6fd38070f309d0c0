/** One line of a diff: kept (` `), removed (`-`) or added (`+`). */
export interface DiffLine {
  op: " " | "-" | "+";
  line: string;
}

/**
 * The line diff of two texts split in lines (longest common subsequence, after trimming the
 * common head and tail), and its size: how many lines were removed plus added.
 */
export function diffLines(before: readonly string[], after: readonly string[]): { lines: DiffLine[]; distance: number } {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = b.length - 1; j >= 0; j--) row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
  }
  const middle: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      middle.push({ op: " ", line: a[i] as string });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || ((lcs[i + 1] as Uint32Array)[j] as number) >= ((lcs[i] as Uint32Array)[j + 1] as number))) {
      middle.push({ op: "-", line: a[i] as string });
      i++;
    } else {
      middle.push({ op: "+", line: b[j] as string });
      j++;
    }
  }
  const lines: DiffLine[] = [
    ...before.slice(0, head).map((line) => ({ op: " " as const, line })),
    ...middle,
    ...before.slice(before.length - tail).map((line) => ({ op: " " as const, line })),
  ];
  return { lines, distance: middle.filter((l) => l.op !== " ").length };
}

/** A diff as text: changed lines with `context` kept lines around them, `...` between hunks, at most `maxLines`. */
export function formatDiff(lines: readonly DiffLine[], context = 2, maxLines = 60): string {
  const keep = new Set<number>();
  lines.forEach((l, i) => {
    if (l.op === " ") return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep.add(k);
  });
  const out: string[] = [];
  let last = -1;
  for (const i of [...keep].sort((x, y) => x - y)) {
    if (last >= 0 && i > last + 1) out.push("  ...");
    const l = lines[i] as DiffLine;
    out.push(`${l.op} ${l.line.length > 400 ? `${l.line.slice(0, 400)}…` : l.line}`);
    last = i;
  }
  if (out.length > maxLines) return [...out.slice(0, maxLines), `  ... (${out.length - maxLines} more diff lines)`].join("\n");
  return out.join("\n");
}

import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { InterleafError } from "../../errors/index.js";
import { EXPORT_FORMATS, type ExportFormat } from "./export-formats.js";
import { validateExportLine, type LeakGuard } from "./validate-export.js";

/** An exported dataset read back: its format (from the card), its lines, and the assistant turns of each line. */
export interface ExportedDataset {
  format: ExportFormat;
  dialect: string;
  lines: Record<string, unknown>[];
}

/**
 * Reads a folder {@link exportDataset} wrote and checks every line again with its format's
 * validator (files present, image tokens, roles): what a training job would load.
 *
 * @example
 * ```ts
 * import { readExportedDataset } from "interleaf/data";
 *
 * const dataset = await readExportedDataset("out/sft").catch(() => undefined);
 * console.log(dataset?.lines.length ?? 0);
 * ```
 */
export async function readExportedDataset(dir: string, guard: LeakGuard = { localPaths: [], secrets: [] }): Promise<ExportedDataset> {
  let card: { format?: unknown; dialect?: unknown };
  try {
    card = JSON.parse(await readFile(join(dir, "dataset-card.json"), "utf8")) as typeof card;
  } catch (error) {
    throw new InterleafError("config_invalid", `${dir} holds no readable dataset-card.json: is it an interleaf export?`, { cause: error, details: { path: dir } });
  }
  const format = card.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new InterleafError("config_invalid", `dataset-card.json names an unknown format "${String(card.format)}"`, { details: { path: dir } });
  const text = await readFile(join(dir, "data.jsonl"), "utf8");
  const lines: Record<string, unknown>[] = [];
  const problems: string[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    for (const problem of validateExportLine(format, line, dir, guard)) problems.push(`line ${i + 1}: ${problem}`);
    lines.push(line);
  });
  if (problems.length > 0) throw new InterleafError("export_invalid", `${dir}: ${problems.length} problem(s); first: ${problems[0]}`, { details: { format, problems } });
  return { format, dialect: String(card.dialect ?? ""), lines };
}

/** The assistant turns of one exported line, as text, in order (for parsing back with the dialect). */
export function assistantTurnsOf(format: ExportFormat, line: Record<string, unknown>): string[] {
  const entries = (format === "sharegpt" ? line.conversations : format === "raw" ? line.turns : line.messages) as Record<string, unknown>[];
  return entries
    .filter((entry) => entry.role === "assistant" || entry.from === "gpt")
    .map((entry) => String(entry.content ?? entry.value ?? entry.text ?? ""));
}

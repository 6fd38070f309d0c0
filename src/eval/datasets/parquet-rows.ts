import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InterleafError } from "../../errors/index.js";

/**
 * The rows of a parquet file, one row group at a time (so a large file is never all in memory),
 * with `utf8: false`: string columns come back as bytes, because hyparquet would otherwise decode
 * image bytes stored as binary as text and corrupt them. Read text fields with {@link parquetText}.
 */
export async function* parquetRows(path: string): AsyncGenerator<Record<string, unknown>> {
  let file;
  let metadata;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new InterleafError("dataset_invalid", `cannot read ${path} as parquet: ${(error as Error).message}`, { cause: error, details: { path } });
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, utf8: false });
    for (const row of rows) yield row as Record<string, unknown>;
    rowStart = rowEnd;
  }
}

const decoder = new TextDecoder();

/** A text field of a row read with `utf8: false` (bytes, or already a string), or undefined. */
export function parquetText(value: unknown): string | undefined {
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (typeof value === "string") return value;
  return undefined;
}

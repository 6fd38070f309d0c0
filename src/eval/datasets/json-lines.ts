import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { InterleafError } from "../../errors/index.js";

/** The JSON objects of a JSONL file, one per non-blank line, read as a stream; a bad line is `dataset_invalid` naming it. */
export async function* jsonLines(path: string): AsyncGenerator<{ row: number; value: Record<string, unknown> }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let row = 0;
  try {
    for await (const line of lines) {
      if (line.trim() === "") continue;
      row += 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new InterleafError("dataset_invalid", `${path} line ${row} is not JSON: ${(error as Error).message}`, { details: { path, row } });
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) throw new InterleafError("dataset_invalid", `${path} line ${row} is not a JSON object`, { details: { path, row } });
      yield { row, value: value as Record<string, unknown> };
    }
  } catch (error) {
    if (InterleafError.isInstance(error)) throw error;
    throw new InterleafError("dataset_invalid", `cannot read ${path}: ${(error as Error).message}`, { cause: error, details: { path } });
  } finally {
    lines.close();
  }
}

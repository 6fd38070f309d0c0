import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { InterleafError } from "../../errors/index.js";

/**
 * The JSON objects of a JSONL file, one per non-blank line, read as a stream: `row` counts the
 * objects (from 1), `line` is where the object is in the file. A bad line is `dataset_invalid`
 * naming the file and the line.
 */
export async function* jsonLines(path: string): AsyncGenerator<{ row: number; line: number; value: Record<string, unknown> }> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let row = 0;
  let at = 0;
  try {
    for await (const line of lines) {
      at += 1;
      if (line.trim() === "") continue;
      row += 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new InterleafError("dataset_invalid", `${path} line ${at} is not JSON: ${(error as Error).message}`, { details: { path, row } });
      }
      if (!value || typeof value !== "object" || Array.isArray(value)) throw new InterleafError("dataset_invalid", `${path} line ${at} is not a JSON object`, { details: { path, row } });
      yield { row, line: at, value: value as Record<string, unknown> };
    }
  } catch (error) {
    if (InterleafError.isInstance(error)) throw error;
    throw new InterleafError("dataset_invalid", `cannot read ${path}: ${(error as Error).message}`, { cause: error, details: { path } });
  } finally {
    lines.close();
  }
}

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { InterleafError } from "../../errors/index.js";

/** The md5 (hex) of a file, read as a stream: the digest VLMEvalKit publishes for its TSVs. */
export async function fileMd5(path: string): Promise<string> {
  const hash = createHash("md5");
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new InterleafError("dataset_invalid", `cannot read ${path}: ${(error as Error).message}`, { cause: error, details: { path } });
  }
  return hash.digest("hex");
}

/** One md5 over several files' digests, in the given order (a folder dataset). */
export async function filesMd5(paths: readonly string[]): Promise<string> {
  const hash = createHash("md5");
  for (const path of paths) hash.update(`${await fileMd5(path)}\n`);
  return hash.digest("hex");
}

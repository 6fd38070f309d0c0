import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InterleafError } from "../../errors/index.js";
import { testingError } from "../testing-error.js";
import { fileExtensionFor } from "../../images/image-format.js";
import { stableStringify } from "../../util/stable-json.js";
import type { CassetteEntry } from "./cassette-entry.js";

/** The file of a cassette folder holding its calls, one JSON object per line. */
export const CASSETTE_FILE = "cassette.jsonl";
/** The folder of a cassette holding the bytes of images tools produced, one file per sha256. */
export const IMAGES_FOLDER = "images";

/** The file name of an image in a cassette: `<sha256>.<ext>`. Ids are checked, so a cassette cannot name a path. */
export function imageFileName(id: string, mime: string): string {
  if (!/^[0-9a-f]{64}$/.test(id)) throw new InterleafError("invalid_argument", `"${id}" is not an image id (64 hex characters); the cassette file is corrupt`);
  return `${id}.${fileExtensionFor(mime)}`;
}

/** Reads a cassette's calls; undefined when the folder has no cassette file. */
export async function readCassetteEntries(dir: string): Promise<CassetteEntry[] | undefined> {
  const path = join(dir, CASSETTE_FILE);
  if (!existsSync(path)) return undefined;
  const entries: CassetteEntry[] = [];
  const lines = (await readFile(path, "utf8")).split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new InterleafError("invalid_argument", `${path}:${i + 1} is not JSON (${(error as Error).message}); fix the line or record the cassette again`, { cause: error });
    }
    const kind = (value as { kind?: unknown }).kind;
    if (kind === "cassette") {
      const version = (value as { version?: unknown }).version;
      if (version !== 1) throw new InterleafError("invalid_argument", `${path} has format version ${String(version)}; this interleaf reads version 1, so record the cassette again`);
      return;
    }
    if (kind !== "model" && kind !== "tool") throw new InterleafError("invalid_argument", `${path}:${i + 1} has kind ${JSON.stringify(kind)}; expected "model" or "tool"`);
    if (typeof (value as { key?: unknown }).key !== "string") throw new InterleafError("invalid_argument", `${path}:${i + 1} has no key`);
    entries.push(value as CassetteEntry);
  });
  return entries;
}

/**
 * Writes a cassette: a header line, then one line per call in the order given, each with `kind`
 * and `key` first and every nested object's keys sorted, so re-recording the same run gives the
 * same bytes and changes show as small line diffs. Written to a temporary file and renamed.
 */
export async function writeCassetteEntries(dir: string, entries: readonly CassetteEntry[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const lines = [JSON.stringify({ kind: "cassette", version: 1 })];
  for (const entry of entries) {
    const { kind, key, ...rest } = entry;
    lines.push(`{"kind":${JSON.stringify(kind)},"key":${JSON.stringify(key)},${stableStringify(rest).slice(1)}`);
  }
  const path = join(dir, CASSETTE_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${lines.join("\n")}\n`);
  await rename(temporary, path);
}

/** Writes image files not yet present and, when `prune`, removes those no entry refers to. */
export async function syncCassetteImages(dir: string, wanted: ReadonlyMap<string, { mime: string; bytes?: Uint8Array }>, prune: boolean): Promise<void> {
  const folder = join(dir, IMAGES_FOLDER);
  if (wanted.size > 0) await mkdir(folder, { recursive: true });
  const names = new Set<string>();
  for (const [id, image] of wanted) {
    const name = imageFileName(id, image.mime);
    names.add(name);
    const path = join(folder, name);
    if (existsSync(path)) continue;
    if (!image.bytes) throw testingError("cassette_not_found", `the cassette refers to image ${id} but ${path} is missing; record the cassette again`, { details: { path } });
    await writeFile(path, image.bytes);
  }
  if (prune && existsSync(folder)) {
    for (const file of await readdir(folder)) if (!names.has(file)) await rm(join(folder, file));
  }
}

/** The bytes of a cassette image. */
export async function readCassetteImage(dir: string, id: string, mime: string): Promise<Uint8Array> {
  const path = join(dir, IMAGES_FOLDER, imageFileName(id, mime));
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw testingError("cassette_not_found", `the cassette refers to image ${id} but ${path} cannot be read (${(error as Error).message}); record the cassette again`, { cause: error, details: { path } });
  }
}

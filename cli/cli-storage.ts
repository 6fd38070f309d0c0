import { dirname, join, resolve } from "node:path";
import { defaultIndexDir } from "../src/search/local-index.js";
import { openStorage } from "../src/storage/open-storage.js";
import { chooseStorageSpec } from "../src/storage/storage-choice.js";
import { DEFAULT_SQLITE_PATH, parseStorageSpec } from "../src/storage/storage-spec.js";
import type { Storage } from "../src/storage/storage.js";
import type { CliIo } from "./cli-io.js";

/**
 * The database every command uses: `--db`, else `INTERLEAF_DB`, else `.interleaf/interleaf.db`
 * (the library's rule, with the CLI's own default file); relative paths from the working directory.
 */
export function cliStorageSpec(db: string | undefined, io: CliIo): string {
  return chooseStorageSpec(db, DEFAULT_SQLITE_PATH, io.env);
}

/** Opens the database of {@link cliStorageSpec}. */
export function openCliStorage(db: string | undefined, io: CliIo): Promise<Storage> {
  return openStorage(cliStorageSpec(db, io), io.cwd);
}

/**
 * Where `interleaf index` writes the local search index and where `--mode deepresearch` looks for
 * it: the `index` folder beside the SQLite database, or `.interleaf/index` when the database is
 * not a file.
 */
export function cliIndexDir(db: string | undefined, io: CliIo): string {
  const spec = parseStorageSpec(cliStorageSpec(db, io), io.cwd);
  return spec.kind === "sqlite" && spec.path !== ":memory:" ? defaultIndexDir(spec.path) : resolve(io.cwd, dirname(DEFAULT_SQLITE_PATH), "index");
}

/** The demo's own index folder, beside the user's index so that the demo never overwrites it. */
export function demoIndexDir(db: string | undefined, io: CliIo): string {
  return join(dirname(cliIndexDir(db, io)), "demo-index");
}

/** Opens the database of {@link cliStorageSpec}, runs `use` with it and closes it, whatever happens. */
export async function withCliStorage<T>(db: string | undefined, io: CliIo, use: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openCliStorage(db, io);
  try {
    return await use(storage);
  } finally {
    await storage.close();
  }
}

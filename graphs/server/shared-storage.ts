import { openStorage } from "../../src/storage/open-storage.js";
import { chooseStorageSpec } from "../../src/storage/storage-choice.js";
import type { Storage } from "../../src/storage/storage.js";

const opened = new Map<string, Promise<Storage>>();

/**
 * The storage a server process uses for a spec, opened once and shared by its graphs and its
 * image route. The spec given, else `INTERLEAF_DB`, else `.interleaf/interleaf.db` (the
 * `interleaf` command's default, so its `history`, `trajectory`, `resume` and `fork` see the
 * server's threads).
 *
 * @internal
 */
export function sharedStorage(spec: string | undefined, env: Record<string, string | undefined> = process.env): Promise<Storage> {
  const chosen = chooseStorageSpec(spec, ".interleaf/interleaf.db", env);
  let storage = opened.get(chosen);
  if (!storage) {
    storage = openStorage(chosen);
    opened.set(chosen, storage);
    // A storage that failed to open is tried again by the next request.
    storage.catch(() => opened.delete(chosen));
  }
  return storage;
}

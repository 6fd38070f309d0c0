import { InterleafError } from "../errors/index.js";
import type { ResultCache } from "./result-cache.js";
import type { SqliteDatabase, SqliteStatement } from "./sql-connections.js";
import { serializeCacheValue } from "./cache-value.js";

/** The table {@link SqliteResultCache} keeps its values in. */
export const SQLITE_RESULT_TABLE = "interleaf_results";

/**
 * A {@link ResultCache} in a SQLite database (table `interleaf_results`: key, JSON text), usually
 * the same file and connection as the checkpoints (`openStorage` does that). Setting `undefined`
 * removes the key.
 *
 * @example
 * ```ts
 * import Database from "better-sqlite3";
 * import { SqliteResultCache } from "interleaf/storage";
 *
 * const cache = new SqliteResultCache(new Database(":memory:"));
 * await cache.set("search:cats", { hits: 3 });
 * console.log(await cache.get("search:cats")); // { hits: 3 }
 * ```
 */
export class SqliteResultCache implements ResultCache {
  readonly specificationVersion = "v1" as const;
  readonly #upsert: SqliteStatement;
  readonly #delete: SqliteStatement;
  readonly #select: SqliteStatement;

  /** Creates the table if it is missing. The connection stays the caller's to close. */
  constructor(db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${SQLITE_RESULT_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID`);
    this.#upsert = db.prepare(`INSERT INTO ${SQLITE_RESULT_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
    this.#delete = db.prepare(`DELETE FROM ${SQLITE_RESULT_TABLE} WHERE key = ?`);
    this.#select = db.prepare(`SELECT value FROM ${SQLITE_RESULT_TABLE} WHERE key = ?`);
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    let row: { value: string } | undefined;
    try {
      row = this.#select.get(String(key)) as { value: string } | undefined;
    } catch (error) {
      throw storageFailed("read", key, error);
    }
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    const text = serializeCacheValue(key, value);
    try {
      if (text === undefined) this.#delete.run(String(key));
      else this.#upsert.run(String(key), text);
    } catch (error) {
      throw storageFailed("write", key, error);
    }
  }
}

function storageFailed(verb: string, key: string, cause: unknown): InterleafError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new InterleafError("storage_failed", `could not ${verb} cache entry ${JSON.stringify(key)} in SQLite: ${text}. Check that the database file is writable.`, {
    cause,
    retryable: /SQLITE_BUSY|database is locked/i.test(text),
  });
}

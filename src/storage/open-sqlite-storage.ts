import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { InterleafError } from "../errors/index.js";
import { SqliteImageStore } from "../images/sqlite-image-store.js";
import { SqliteResultCache } from "./sqlite-result-cache.js";
import { sqliteThreadLocks } from "./sqlite-thread-locks.js";
import type { Storage } from "./storage.js";

/** Options for {@link openSqliteStorage}. */
export interface SqliteStorageOptions {
  /**
   * SQLite's `synchronous` setting. `NORMAL` (default) with the WAL journal loses nothing a
   * killed process committed: the WAL is in the OS's hands once a transaction commits; only a
   * power cut or an OS crash can lose the last transactions. `FULL` also survives those, at the
   * cost of an fsync per commit (about 2× slower checkpoints on ordinary disks).
   */
  synchronous?: "NORMAL" | "FULL";
}

/**
 * Opens (creating if needed) a SQLite file holding checkpoints, images and the result cache on
 * ONE connection: WAL journal, `synchronous=NORMAL` by default (see {@link SqliteStorageOptions}),
 * a busy timeout for a second process on the same file.
 */
export function openSqliteStorage(path: string, options: SqliteStorageOptions = {}): Storage {
  let db: Database.Database;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw failed(path, error);
  }
  try {
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${options.synchronous ?? "NORMAL"}`);
    db.pragma("busy_timeout = 5000");
    const checkpointer = new SqliteSaver(db);
    const images = new SqliteImageStore(db);
    const cache = new SqliteResultCache(db);
    return {
      kind: "sqlite",
      checkpointer,
      images,
      cache,
      locks: sqliteThreadLocks(db),
      location: path,
      async close() {
        if (db.open) db.close();
      },
    };
  } catch (error) {
    db.close();
    throw failed(path, error);
  }
}

function failed(path: string, cause: unknown): InterleafError {
  const text = cause instanceof Error ? cause.message : String(cause);
  const hint = /not a database|malformed/i.test(text)
    ? "the file exists but is not a SQLite database; pass another path"
    : "check that the folder exists or can be created and is writable";
  return new InterleafError("storage_failed", `cannot open the SQLite database ${path}: ${text}; ${hint}`, {
    cause,
    retryable: /SQLITE_BUSY|database is locked/i.test(text),
    details: { path },
  });
}

import { InterleafError } from "../errors/index.js";
import { contentId } from "./content-id.js";
import type { SqliteDatabase, SqliteStatement } from "../storage/sql-connections.js";
import type { ImageStore } from "./image-store.js";

/** The table {@link SqliteImageStore} keeps its images in. */
export const SQLITE_IMAGE_TABLE = "interleaf_images";

interface ImageRow {
  mime: string;
  bytes: Buffer;
}

/**
 * An {@link ImageStore} in a SQLite database (table `interleaf_images`: id, mime, size, bytes),
 * usually the same file and connection as the LangGraph checkpoints (`openStorage` does that).
 * Bytes are stored once per id, the sha256 of the bytes.
 *
 * @example
 * ```ts
 * import Database from "better-sqlite3";
 * import { SqliteImageStore } from "interleaf/storage";
 *
 * const store = new SqliteImageStore(new Database(":memory:"));
 * const id = await store.put(new Uint8Array([1, 2, 3]), "application/octet-stream");
 * console.log((await store.get(id)).bytes.length); // 3
 * ```
 */
export class SqliteImageStore implements ImageStore {
  readonly specificationVersion = "v1" as const;
  readonly #insert: SqliteStatement;
  readonly #select: SqliteStatement;
  readonly #exists: SqliteStatement;

  /** Creates the table if it is missing. The connection stays the caller's to close. */
  constructor(db: SqliteDatabase) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${SQLITE_IMAGE_TABLE} (
      id TEXT PRIMARY KEY NOT NULL,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      bytes BLOB NOT NULL
    ) WITHOUT ROWID`);
    this.#insert = db.prepare(`INSERT OR IGNORE INTO ${SQLITE_IMAGE_TABLE} (id, mime, size, bytes) VALUES (?, ?, ?, ?)`);
    this.#select = db.prepare(`SELECT mime, bytes FROM ${SQLITE_IMAGE_TABLE} WHERE id = ?`);
    this.#exists = db.prepare(`SELECT 1 AS found FROM ${SQLITE_IMAGE_TABLE} WHERE id = ?`);
  }

  async put(bytes: Uint8Array, mime: string): Promise<string> {
    const id = contentId(bytes);
    try {
      this.#insert.run(id, mime, bytes.byteLength, bytes);
    } catch (error) {
      throw storageFailed(`could not store image ${id}`, error);
    }
    return id;
  }

  async get(id: string): Promise<{ bytes: Uint8Array; mime: string }> {
    let row: ImageRow | undefined;
    try {
      row = this.#select.get(String(id)) as ImageRow | undefined;
    } catch (error) {
      throw storageFailed(`could not read image ${id}`, error);
    }
    if (!row) throw new InterleafError("image_not_found", `no image with id ${id} in this store; use an id returned by an earlier step`);
    return { bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength), mime: row.mime };
  }

  async has(id: string): Promise<boolean> {
    try {
      return this.#exists.get(String(id)) !== undefined;
    } catch (error) {
      throw storageFailed(`could not look up image ${id}`, error);
    }
  }
}

function storageFailed(what: string, cause: unknown): InterleafError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new InterleafError("storage_failed", `${what} in SQLite: ${text}. Check that the database file is writable and not corrupt.`, {
    cause,
    retryable: /SQLITE_BUSY|database is locked/i.test(text),
  });
}

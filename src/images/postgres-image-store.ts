import { InterleafError } from "../errors/index.js";
import { createIfMissing, postgresStorageFailed } from "../storage/postgres-errors.js";
import { qualifiedTable } from "../storage/postgres-identifiers.js";
import type { PostgresQueryable } from "../storage/sql-connections.js";
import { contentId } from "./content-id.js";
import type { ImageStore } from "./image-store.js";

/** The table {@link PostgresImageStore} keeps its images in. */
export const POSTGRES_IMAGE_TABLE = "interleaf_images";

/** Options for {@link PostgresImageStore}. */
export interface PostgresImageStoreOptions {
  /** The schema holding the table; default `public`. The schema must exist. */
  schema?: string;
}

/**
 * An {@link ImageStore} in Postgres (table `interleaf_images`: id, mime, size, bytes as `bytea`),
 * usually the same database and pool as the LangGraph checkpoints (`openStorage` does that).
 * Bytes are stored once per id, the sha256 of the bytes. The table is created on first use
 * (or by {@link PostgresImageStore.setup}).
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { PostgresImageStore } from "interleaf/storage";
 *
 * const pool = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
 * const store = new PostgresImageStore(pool);
 * const id = await store.put(new Uint8Array([1, 2, 3]), "application/octet-stream");
 * console.log(await store.has(id)); // true
 * await pool.end();
 * ```
 */
export class PostgresImageStore implements ImageStore {
  readonly specificationVersion = "v1" as const;
  readonly #pool: PostgresQueryable;
  readonly #table: string;
  #ready: Promise<void> | undefined;

  /** The pool stays the caller's to end. */
  constructor(pool: PostgresQueryable, options: PostgresImageStoreOptions = {}) {
    this.#pool = pool;
    this.#table = qualifiedTable(options.schema ?? "public", POSTGRES_IMAGE_TABLE);
  }

  /**
   * Creates the table if it is missing. Runs once per instance; pass a client to run it inside
   * the caller's transaction or lock (`openStorage` holds an advisory lock so that two processes
   * setting up at once do not collide).
   */
  async setup(client?: PostgresQueryable): Promise<void> {
    if (client) {
      await createIfMissing(client, this.#createSql());
      this.#ready = Promise.resolve();
      return;
    }
    this.#ready ??= createIfMissing(this.#pool, this.#createSql()).then(
      () => undefined,
      (error: unknown) => {
        this.#ready = undefined;
        throw postgresStorageFailed("could not create the image table", error);
      },
    );
    return this.#ready;
  }

  async put(bytes: Uint8Array, mime: string): Promise<string> {
    await this.setup();
    const id = contentId(bytes);
    try {
      await this.#pool.query(`INSERT INTO ${this.#table} (id, mime, size, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING`, [
        id,
        mime,
        bytes.byteLength,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      ]);
    } catch (error) {
      throw postgresStorageFailed(`could not store image ${id}`, error);
    }
    return id;
  }

  async get(id: string): Promise<{ bytes: Uint8Array; mime: string }> {
    await this.setup();
    let rows: { mime: string; bytes: Buffer }[];
    try {
      ({ rows } = await this.#pool.query<{ mime: string; bytes: Buffer }>(`SELECT mime, bytes FROM ${this.#table} WHERE id = $1`, [String(id)]));
    } catch (error) {
      throw postgresStorageFailed(`could not read image ${id}`, error);
    }
    const row = rows[0];
    if (!row) throw new InterleafError("image_not_found", `no image with id ${id} in this store; use an id returned by an earlier step`);
    return { bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength), mime: row.mime };
  }

  async has(id: string): Promise<boolean> {
    await this.setup();
    try {
      const { rowCount } = await this.#pool.query(`SELECT 1 FROM ${this.#table} WHERE id = $1`, [String(id)]);
      return (rowCount ?? 0) > 0;
    } catch (error) {
      throw postgresStorageFailed(`could not look up image ${id}`, error);
    }
  }

  #createSql(): string {
    return `CREATE TABLE IF NOT EXISTS ${this.#table} (
      id TEXT PRIMARY KEY,
      mime TEXT NOT NULL,
      size INTEGER NOT NULL,
      bytes BYTEA NOT NULL
    )`;
  }
}

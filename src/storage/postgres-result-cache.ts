import { serializeCacheValue } from "./cache-value.js";
import { createIfMissing, postgresStorageFailed } from "./postgres-errors.js";
import { qualifiedTable } from "./postgres-identifiers.js";
import type { ResultCache } from "./result-cache.js";
import type { PostgresQueryable } from "./sql-connections.js";

/** The table {@link PostgresResultCache} keeps its values in. */
export const POSTGRES_RESULT_TABLE = "interleaf_results";

/** Options for {@link PostgresResultCache}. */
export interface PostgresResultCacheOptions {
  /** The schema holding the table; default `public`. The schema must exist. */
  schema?: string;
}

/**
 * A {@link ResultCache} in Postgres (table `interleaf_results`: key, JSON text), usually the same
 * database and pool as the checkpoints (`openStorage` does that). Values are kept as JSON text,
 * not `jsonb`, so every string JSON can hold (including `\u0000`) comes back unchanged. Setting
 * `undefined` removes the key.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { PostgresResultCache } from "interleaf/storage";
 *
 * const pool = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
 * const cache = new PostgresResultCache(pool);
 * await cache.set("search:cats", { hits: 3 });
 * console.log(await cache.get("search:cats")); // { hits: 3 }
 * await pool.end();
 * ```
 */
export class PostgresResultCache implements ResultCache {
  readonly specificationVersion = "v1" as const;
  readonly #pool: PostgresQueryable;
  readonly #table: string;
  #ready: Promise<void> | undefined;

  /** The pool stays the caller's to end. */
  constructor(pool: PostgresQueryable, options: PostgresResultCacheOptions = {}) {
    this.#pool = pool;
    this.#table = qualifiedTable(options.schema ?? "public", POSTGRES_RESULT_TABLE);
  }

  /** Creates the table if it is missing (once per instance; see `PostgresImageStore.setup`). */
  async setup(client?: PostgresQueryable): Promise<void> {
    const sql = `CREATE TABLE IF NOT EXISTS ${this.#table} (key TEXT PRIMARY KEY, value TEXT NOT NULL)`;
    if (client) {
      await createIfMissing(client, sql);
      this.#ready = Promise.resolve();
      return;
    }
    this.#ready ??= createIfMissing(this.#pool, sql).then(
      () => undefined,
      (error: unknown) => {
        this.#ready = undefined;
        throw postgresStorageFailed("could not create the result cache table", error);
      },
    );
    return this.#ready;
  }

  async get<T = unknown>(key: string): Promise<T | undefined> {
    await this.setup();
    let rows: { value: string }[];
    try {
      ({ rows } = await this.#pool.query<{ value: string }>(`SELECT value FROM ${this.#table} WHERE key = $1`, [String(key)]));
    } catch (error) {
      throw postgresStorageFailed(`could not read cache entry ${JSON.stringify(key)}`, error);
    }
    const row = rows[0];
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    const text = serializeCacheValue(key, value);
    await this.setup();
    try {
      if (text === undefined) await this.#pool.query(`DELETE FROM ${this.#table} WHERE key = $1`, [String(key)]);
      else {
        await this.#pool.query(`INSERT INTO ${this.#table} (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [String(key), text]);
      }
    } catch (error) {
      throw postgresStorageFailed(`could not write cache entry ${JSON.stringify(key)}`, error);
    }
  }
}

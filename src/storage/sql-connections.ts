/**
 * The part of a better-sqlite3 `Database` the SQLite stores use. Declared here so that the
 * package's type declarations do not depend on `@types/better-sqlite3`; a better-sqlite3
 * `Database` fits it as it is.
 *
 * @example
 * ```ts
 * import Database from "better-sqlite3";
 * import { SqliteResultCache, type SqliteDatabase } from "interleaf";
 *
 * const db: SqliteDatabase = new Database(":memory:");
 * const cache = new SqliteResultCache(db);
 * ```
 */
export interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): SqliteStatement;
}

/** A prepared statement of a {@link SqliteDatabase}. */
export interface SqliteStatement {
  run(...params: unknown[]): unknown;
  get(...params: unknown[]): unknown;
}

/**
 * The part of a pg `Pool` or `PoolClient` the Postgres stores use. Declared here so that the
 * package's type declarations do not depend on `@types/pg`; a pg `Pool` or `PoolClient` fits it
 * as it is.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { PostgresResultCache, type PostgresQueryable } from "interleaf";
 *
 * const pool: PostgresQueryable = new pg.Pool({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
 * const cache = new PostgresResultCache(pool);
 * ```
 */
export interface PostgresQueryable {
  query<Row = unknown>(sql: string, values?: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}

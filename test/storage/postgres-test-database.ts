// The Postgres every storage test uses, and per-run schemas so parallel runs never collide.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** The test server (trust auth). */
export const POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test";

/** A schema name unique to this call: `interleaf_test_<pid>_<random>`. */
export function uniqueSchema(label: string): string {
  return `interleaf_test_${label}_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** The storage spec for `schema` on the test server. */
export function postgresSpec(schema: string): string {
  return `${POSTGRES_URL}?schema=${schema}`;
}

/**
 * Fails (never skips) when the test server is down, saying so: Postgres tests must run.
 */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw new Error(
      `Postgres is not reachable at ${POSTGRES_URL} (${error instanceof Error ? error.message : String(error)}). ` +
        "These tests need it: start the server (user postgres, database test, trust auth on 127.0.0.1:5432) and run them again.",
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** Drops the given schemas and everything in them. */
export async function dropSchemas(schemas: Iterable<string>): Promise<void> {
  const names = [...schemas];
  if (names.length === 0) return;
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Runs one query on the test server. */
export async function queryPostgres<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

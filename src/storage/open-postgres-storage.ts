import pg from "pg";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import { InterleafError } from "../errors/index.js";
import { PostgresImageStore } from "../images/postgres-image-store.js";
import { redactSecrets } from "../net/redact.js";
import { isRetryablePostgresError } from "./postgres-errors.js";
import { describePostgresTarget, pgConnectionString, redactPostgresUrl } from "./postgres-url.js";
import { PostgresResultCache } from "./postgres-result-cache.js";
import { postgresThreadLocks } from "./postgres-thread-locks.js";
import type { Storage } from "./storage.js";

/** The connections a Postgres storage opens at most unless told otherwise. */
export const DEFAULT_POSTGRES_POOL_SIZE = 10;

/**
 * Opens one `pg` pool (at most `poolSize` connections) shared by LangGraph's `PostgresSaver` and
 * interleaf's image and cache tables, in `schema` (default `public`). Setup (schema, migrations,
 * tables) runs under an advisory lock, so two processes opening the same database at once do not
 * collide.
 */
export async function openPostgresStorage(url: URL, schema: string = "public", poolSize: number = DEFAULT_POSTGRES_POOL_SIZE): Promise<Storage> {
  const location = redactPostgresUrl(url);
  const pool = new pg.Pool({ connectionString: pgConnectionString(url), max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // Nor may a checked-out one between two queries (LangGraph's saver holds one across a
  // transaction): pg reports that as an 'error' event on the client, fatal when unheard.
  pool.on("connect", (client) => client.on("error", () => {}));
  const checkpointer = new PostgresSaver(pool, undefined, { schema });
  const images = new PostgresImageStore(pool, { schema });
  const cache = new PostgresResultCache(pool, { schema });
  try {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1))", [`interleaf.setup:${schema}`]);
      try {
        await checkpointer.setup();
        await images.setup(client);
        await cache.setup(client);
      } finally {
        await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`interleaf.setup:${schema}`]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    throw setupFailed(url, error);
  }
  let closed: Promise<void> | undefined;
  return {
    kind: "postgres",
    checkpointer,
    images,
    cache,
    locks: postgresThreadLocks(pool, schema),
    location,
    close() {
      closed ??= pool.end();
      return closed;
    },
  };
}

function setupFailed(url: URL, cause: unknown): InterleafError {
  const target = describePostgresTarget(url);
  const password = decodeURIComponent(url.password);
  const code = (cause as { code?: unknown } | null)?.code;
  // Node reports a refused dual-stack connect as an AggregateError with an empty message.
  let text = (cause instanceof Error ? cause.message : String(cause)) || (typeof code === "string" ? code : "unknown error");
  text = redactSecrets(text, [password]);
  const retryable = isRetryablePostgresError(cause);
  const hint = retryable
    ? "check that the server is running and reachable, then try again"
    : "check the user, database and permissions in the URL";
  return new InterleafError("storage_failed", `cannot set up Postgres storage at ${target}: ${text}; ${hint}`, {
    cause,
    retryable,
    details: { host: url.hostname, port: Number(url.port || 5432), database: decodeURIComponent(url.pathname.replace(/^\//, "")) },
  });
}

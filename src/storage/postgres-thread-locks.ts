import type pg from "pg";
import { InterleafError } from "../errors/index.js";
import { threadBusy, type ThreadLocks } from "./thread-locks.js";

/**
 * Thread locks as Postgres session advisory locks, one pooled connection held per running thread.
 * The server frees them when that connection ends, so a killed process never leaves a lock behind.
 * Keys are namespaced by schema, so storages in different schemas do not block each other.
 */
export function postgresThreadLocks(pool: pg.Pool, schema: string): ThreadLocks {
  return {
    async acquire(threadId) {
      const key = `interleaf.thread:${schema}:${threadId}`;
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new InterleafError("storage_failed", `cannot lock thread ${threadId}: the database did not answer`, { cause: error, retryable: true });
      }
      try {
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key]);
        if (!rows[0]?.locked) throw threadBusy(threadId);
      } catch (error) {
        client.release();
        throw InterleafError.isInstance(error) ? error : new InterleafError("storage_failed", `cannot lock thread ${threadId}`, { cause: error, retryable: true });
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
            client.release();
          } catch (error) {
            // The connection is broken: dropping it frees the lock on the server.
            client.release(error instanceof Error ? error : true);
          }
        },
      };
    },
  };
}

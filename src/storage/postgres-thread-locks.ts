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
      // The held client sits idle for the whole run: when the server goes away, pg reports it as an
      // 'error' event on the client, which would end the process if nobody listened. The lock is
      // lost with the connection (the server frees it); the run's own queries report the outage.
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost = error;
      };
      client.on("error", onError);
      try {
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key]);
        if (!rows[0]?.locked) throw threadBusy(threadId);
      } catch (error) {
        client.off("error", onError);
        client.release(lost ?? undefined);
        throw InterleafError.isInstance(error) ? error : new InterleafError("storage_failed", `cannot lock thread ${threadId}`, { cause: error, retryable: true });
      }
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          try {
            if (lost) throw lost;
            await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
            client.off("error", onError);
            client.release();
          } catch (error) {
            // The connection is broken: dropping it frees the lock on the server.
            client.off("error", onError);
            client.release(error instanceof Error ? error : true);
          }
        },
      };
    },
  };
}

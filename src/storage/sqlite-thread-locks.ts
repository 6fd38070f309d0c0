import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import { currentHolder, holderIsGone, threadBusy, type LockHolder, type ThreadLocks } from "./thread-locks.js";

/** Table of thread leases in a SQLite storage. */
export const SQLITE_LEASE_TABLE = "interleaf_thread_leases";

/** How long a SQLite lease lasts without renewal: a holder on another machine that died is taken over after this. */
const LEASE_MS = 30_000;

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  since: number;
  expires_at: number;
}

/**
 * Thread locks as leases in the storage's SQLite file: a row per running thread, renewed while the
 * run lasts. A lease is taken over when it expired, or when its holder was a process on this machine
 * that no longer exists (a killed run is resumable at once).
 */
export function sqliteThreadLocks(db: Database.Database, now: () => number = Date.now): ThreadLocks {
  db.exec(`CREATE TABLE IF NOT EXISTS ${SQLITE_LEASE_TABLE} (
    thread_id TEXT PRIMARY KEY, owner TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, since INTEGER NOT NULL, expires_at INTEGER NOT NULL
  )`);
  const select = db.prepare(`SELECT owner, pid, host, since, expires_at FROM ${SQLITE_LEASE_TABLE} WHERE thread_id = ?`);
  const upsert = db.prepare(
    `INSERT INTO ${SQLITE_LEASE_TABLE} (thread_id, owner, pid, host, since, expires_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(thread_id) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, since = excluded.since, expires_at = excluded.expires_at`,
  );
  const renew = db.prepare(`UPDATE ${SQLITE_LEASE_TABLE} SET expires_at = ? WHERE thread_id = ? AND owner = ?`);
  const remove = db.prepare(`DELETE FROM ${SQLITE_LEASE_TABLE} WHERE thread_id = ? AND owner = ?`);
  // IMMEDIATE: the read and the write happen under the write lock, so two processes cannot both take a free lease.
  const take = db.transaction((threadId: string, owner: string, holder: LockHolder): LeaseRow | undefined => {
    const row = select.get(threadId) as LeaseRow | undefined;
    if (row && row.expires_at > now() && !holderIsGone(row)) return row;
    upsert.run(threadId, owner, holder.pid, holder.host, holder.since, now() + LEASE_MS);
    return undefined;
  });
  return {
    async acquire(threadId) {
      const owner = randomUUID();
      const holder = currentHolder(now());
      const busy = take.immediate(threadId, owner, holder);
      if (busy) throw threadBusy(threadId, busy);
      const timer = setInterval(() => {
        if (db.open) renew.run(now() + LEASE_MS, threadId, owner);
      }, LEASE_MS / 3);
      timer.unref();
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          if (db.open) remove.run(threadId, owner);
        },
      };
    },
  };
}

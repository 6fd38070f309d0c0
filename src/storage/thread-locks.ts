import { hostname } from "node:os";
import { InterleafError } from "../errors/index.js";
import { processExists } from "../util/process-exists.js";

/**
 * One writer per thread. A run (or resume, or a fork's first run) holds its thread's lock from its
 * first step to its end; a second writer is refused with `thread_busy` instead of both runs
 * checkpointing over each other and running the same tool calls twice. A lock held by a process that
 * was killed is freed without waiting for anyone: by the database itself (Postgres ends the dead
 * connection's advisory locks) or by noticing its process is gone (SQLite, same machine), and
 * otherwise when its lease expires.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf";
 *
 * const storage = await openStorage("memory");
 * const lock = await storage.locks.acquire("thread-1");
 * await storage.locks.acquire("thread-1").catch((error) => console.log(error.code)); // thread_busy
 * await lock.release();
 * ```
 */
export interface ThreadLocks {
  /** Takes the thread's lock, or throws `thread_busy` (retryable) naming who holds it. */
  acquire(threadId: string): Promise<ThreadLock>;
}

/** A held thread lock. */
export interface ThreadLock {
  /** Gives the lock up. Idempotent. */
  release(): Promise<void>;
}

/** Who holds a lock, as stored beside it and reported to a refused writer. */
export interface LockHolder {
  pid: number;
  host: string;
  since: number;
}

/** The current process as a lock holder. */
export function currentHolder(now: number = Date.now()): LockHolder {
  return { pid: process.pid, host: hostname(), since: now };
}

/** Whether a holder on this machine is a process that no longer exists (it was killed). */
export function holderIsGone(holder: LockHolder): boolean {
  return holder.host === hostname() && !processExists(holder.pid);
}

/** The error a second writer gets. */
export function threadBusy(threadId: string, holder?: LockHolder): InterleafError {
  const who = holder ? `process ${holder.pid} on ${holder.host} (since ${new Date(holder.since).toISOString()})` : "another run";
  return new InterleafError("thread_busy", `thread ${threadId} is being run by ${who}; wait for that run to end, or stop it, then try again`, {
    retryable: true,
    details: { threadId, ...(holder ? { holder } : {}) },
  });
}

/** Locks for one process: memory storage is never shared between processes. */
export function memoryThreadLocks(): ThreadLocks {
  const held = new Set<string>();
  return {
    async acquire(threadId) {
      if (held.has(threadId)) throw threadBusy(threadId, currentHolder());
      held.add(threadId);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          held.delete(threadId);
        },
      };
    },
  };
}

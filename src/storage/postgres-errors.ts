import { InterleafError } from "../errors/index.js";

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN", "57P01", "57P03", "53300"]);

/** Whether a `pg` error is worth retrying: the server is unreachable, restarting or full. */
export function isRetryablePostgresError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08") || code === "40001" || code === "40P01")) return true;
  // `pg` says "Client has encountered a connection error and is not queryable" for a client whose connection broke.
  return error instanceof Error && /Connection terminated|timeout|not queryable|ECONNRESET|ECONNREFUSED/i.test(error.message);
}

/** Wraps a `pg` error as `storage_failed`. */
export function postgresStorageFailed(what: string, cause: unknown): InterleafError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new InterleafError("storage_failed", `${what} in Postgres: ${text}. Check that the server is up and the tables are writable.`, {
    cause,
    retryable: isRetryablePostgresError(cause),
  });
}

/**
 * Runs a `CREATE … IF NOT EXISTS`. Two sessions creating the same table at once can still collide
 * in Postgres's catalog (unique violation); the loser's table exists all the same, so that error
 * is swallowed.
 */
export async function createIfMissing(db: { query(sql: string): Promise<unknown> }, sql: string): Promise<void> {
  try {
    await db.query(sql);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "23505" || code === "42P07" || code === "42P06") return;
    throw error;
  }
}

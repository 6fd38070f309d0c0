import { InterleafError } from "../../src/errors/index.js";
import { abortErrorFor, raceAbort, timeLimit } from "../../src/net/abortable.js";
import { withRetry, type RetryOptions } from "../../src/net/retry.js";
import type { ResultCache } from "../../src/storage/result-cache.js";
import type { ToolContext } from "../../src/tools/tool.js";

/** Retry, timeout and cache settings shared by the search tools. */
export interface SearchCallOptions {
  /** Calls in flight at once within one tool call (default 4). */
  maxConcurrency?: number;
  /** Time limit of one attempt, in ms (default 30,000). */
  timeoutMs?: number;
  /** Backoff settings; `retries` defaults to 3. */
  retry?: RetryOptions;
  /**
   * Where paid results are kept by request fingerprint (default: the run's `context.cache`,
   * beside the checkpoints); `false` turns caching off.
   */
  cache?: ResultCache | false;
}

/** One unit of work of a search tool: cached by `key`, retried, bounded in time. */
export async function runSearchItem<T>(context: ToolContext, options: SearchCallOptions, what: string, key: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const cache = options.cache === false ? undefined : (options.cache ?? context.cache);
  if (key && cache) {
    const hit = await cache.get<{ value: T }>(key);
    if (hit !== undefined) return hit.value;
  }
  const timeoutMs = options.timeoutMs ?? 30_000;
  const value = await withRetry(
    async () => {
      const limit = timeLimit(timeoutMs, context.signal, `${what} took longer than ${timeoutMs} ms`);
      try {
        return await raceAbort(run(limit.signal), limit.signal);
      } catch (error) {
        const mapped = abortErrorFor(limit.signal, what, timeoutMs, error);
        if (mapped && !(InterleafError.isInstance(error) && error.code === "timeout")) throw mapped;
        throw InterleafError.isInstance(error) ? error : InterleafError.from(error, "search_failed", what);
      } finally {
        limit.clear();
      }
    },
    { ...options.retry, signal: context.signal },
  );
  if (key && cache) await cache.set(key, { value });
  return value;
}

/** The line a failed item shows the model: the message, and whether trying again may help. */
export function errorLine(error: unknown): string {
  const e = InterleafError.isInstance(error) ? error : InterleafError.from(error, "search_failed");
  return `Error (${e.code}${e.retryable ? ", may succeed later" : ""}): ${e.message}`;
}

/**
 * The error of a call whose every item failed: `search_failed`, retryable when any item's
 * failure was, with each item's message (the executor turns it into an error observation).
 */
export function allFailed(what: string, items: readonly { label: string; error: unknown }[], signal: AbortSignal): InterleafError {
  if (signal.aborted) return new InterleafError("aborted", `${what} was cancelled`);
  const retryable = items.some(({ error }) => InterleafError.isInstance(error) && error.retryable);
  const lines = items.map(({ label, error }) => `${label}: ${errorLine(error)}`).join("\n");
  return new InterleafError("search_failed", `${what} failed for every item:\n${lines}\n${retryable ? "Try again later, or" : "Change the request, or"} continue with what you already know.`, {
    retryable,
    details: { failures: items.length },
  });
}

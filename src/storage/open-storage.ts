import { openMemoryStorage } from "./open-memory-storage.js";
import { parseStorageSpec } from "./storage-spec.js";
import type { Storage } from "./storage.js";

/** Options of {@link openStorage}. */
export interface OpenStorageOptions {
  /**
   * Postgres: the most connections the pool opens (default 10). Each running thread holds one for
   * its lock, so a process running many threads at once needs more (workers size it themselves).
   */
  poolSize?: number;
}

/**
 * Opens where a run keeps its checkpoints, images and cached results.
 *
 * - `undefined` → the SQLite file `.interleaf/interleaf.db` under the current directory;
 * - a file path or `sqlite:<path>` → that SQLite file (folders are created);
 * - `memory` or `:memory:` → process memory (nothing survives the process);
 * - `postgres://user@host:5432/db` (or `postgresql://`) → Postgres; add `?schema=name` to use a
 *   schema other than `public`.
 *
 * Relative file paths are taken from `cwd` (default: the current directory).
 *
 * Throws `InterleafError` `config_invalid` for a spec it cannot read, and `storage_failed`
 * (retryable when the server is unreachable) when the database cannot be opened; messages name
 * the host, never the password.
 *
 * @example
 * ```ts
 * import { StateGraph, START, END } from "@langchain/langgraph";
 * import { AgentState, openStorage } from "interleaf";
 *
 * const storage = await openStorage("memory");
 * const graph = new StateGraph(AgentState)
 *   .addNode("noop", () => ({}))
 *   .addEdge(START, "noop")
 *   .addEdge("noop", END)
 *   .compile({ checkpointer: storage.checkpointer });
 * await graph.invoke({ question: "what is on the mug?" }, { configurable: { thread_id: "t1" } });
 * console.log(storage.kind, storage.location); // memory memory
 * await storage.close();
 * ```
 */
export async function openStorage(spec?: string, cwd: string = process.cwd(), options: OpenStorageOptions = {}): Promise<Storage> {
  const parsed = parseStorageSpec(spec, cwd);
  switch (parsed.kind) {
    case "memory":
      return openMemoryStorage();
    // The SQLite and PostgreSQL drivers are loaded by the first storage that needs them, so
    // importing interleaf costs neither (see the import_time bench).
    case "sqlite":
      return (await import("./open-sqlite-storage.js")).openSqliteStorage(parsed.path);
    case "postgres":
      return (await import("./open-postgres-storage.js")).openPostgresStorage(parsed.url, parsed.schema, options.poolSize);
  }
}

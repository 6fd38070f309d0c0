import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { ImageStore } from "../images/image-store.js";
import type { ResultCache } from "./result-cache.js";
import type { ThreadLocks } from "./thread-locks.js";

/** Which database a {@link Storage} keeps its data in. */
export type StorageKind = "memory" | "sqlite" | "postgres";

/**
 * Everything an interleaf run persists, in one place: LangGraph checkpoints, image bytes (by
 * sha256) and the result cache. The three share one database connection (SQLite) or one pool
 * (Postgres), so a run's checkpoints and the images they reference live and die together.
 * Open one with `openStorage`; to swap one part (e.g. a custom checkpointer), spread an opened
 * storage: `{ ...(await openStorage("memory")), checkpointer }`.
 */
export interface Storage {
  /** The database behind it. */
  readonly kind: StorageKind;
  /** Pass to `graph.compile({ checkpointer })`. */
  readonly checkpointer: BaseCheckpointSaver;
  /** Where image bytes live; state and checkpoints hold only `ImageRef`s. */
  readonly images: ImageStore;
  /** Durable key → JSON value map (tool-call journal, paid search results). */
  readonly cache: ResultCache;
  /** One writer per thread, across processes sharing the database. */
  readonly locks: ThreadLocks;
  /** Where the data is, printable: a file path, `memory`, or a Postgres URL without its password. */
  readonly location: string;
  /** Closes the connection or pool. Idempotent; the storage is unusable afterwards. */
  close(): Promise<void>;
}

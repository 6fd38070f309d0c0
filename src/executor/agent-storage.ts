import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { ImageStore } from "../images/image-store.js";
import type { ResultCache } from "../storage/result-cache.js";
import type { ThreadLocks } from "../storage/thread-locks.js";

/**
 * Where an agent keeps its runs: LangGraph checkpoints, image bytes and the result cache,
 * normally in one database (see `openStorage`).
 */
export interface AgentStorage {
  checkpointer: BaseCheckpointSaver;
  images: ImageStore;
  cache: ResultCache;
  /** One writer per thread across processes; without it, only within this agent's process. */
  locks?: ThreadLocks;
  /** Printable location (no secrets). */
  location?: string;
  close?(): Promise<void>;
}

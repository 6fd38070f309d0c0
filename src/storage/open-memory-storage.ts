import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { MemoryImageStore } from "../images/memory-image-store.js";
import { MemoryResultCache } from "./memory-result-cache.js";
import type { Storage } from "./storage.js";
import { memoryThreadLocks } from "./thread-locks.js";

/** Storage in process memory: LangGraph's `MemorySaver`, a memory image store and cache. */
export function openMemoryStorage(): Storage {
  return {
    kind: "memory",
    checkpointer: new MemorySaver(),
    images: new MemoryImageStore(),
    cache: new MemoryResultCache(),
    locks: memoryThreadLocks(),
    location: "memory",
    async close() {},
  };
}

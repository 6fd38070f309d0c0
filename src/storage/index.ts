/**
 * Where an agent keeps its checkpoints, images and cached tool results: {@link openStorage} and
 * the concrete image stores and result caches (in memory, SQLite, PostgreSQL).
 *
 * @packageDocumentation
 * @module interleaf/storage
 */
export type { Storage, StorageKind } from "./storage.js";
export { openStorage, type OpenStorageOptions } from "./open-storage.js";
export type { ImageStore } from "../images/image-store.js";
export { MemoryImageStore } from "../images/memory-image-store.js";
export { SqliteImageStore } from "../images/sqlite-image-store.js";
export { PostgresImageStore, type PostgresImageStoreOptions } from "../images/postgres-image-store.js";
export type { ResultCache } from "./result-cache.js";
export { MemoryResultCache } from "./memory-result-cache.js";
export type { PostgresQueryable, SqliteDatabase, SqliteStatement } from "./sql-connections.js";
export { SqliteResultCache } from "./sqlite-result-cache.js";
export { PostgresResultCache, type PostgresResultCacheOptions } from "./postgres-result-cache.js";
export type { ThreadLocks, ThreadLock, LockHolder } from "./thread-locks.js";

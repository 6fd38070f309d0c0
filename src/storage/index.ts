export type { Storage, StorageKind } from "./storage.js";
export { openStorage } from "./open-storage.js";
export { parseStorageSpec, DEFAULT_SQLITE_PATH, type StorageSpec } from "./storage-spec.js";
export type { ResultCache } from "./result-cache.js";
export { MemoryResultCache } from "./memory-result-cache.js";
export { SqliteResultCache, SQLITE_RESULT_TABLE } from "./sqlite-result-cache.js";
export { PostgresResultCache, POSTGRES_RESULT_TABLE, type PostgresResultCacheOptions } from "./postgres-result-cache.js";
export { SqliteImageStore, SQLITE_IMAGE_TABLE } from "../images/sqlite-image-store.js";
export { PostgresImageStore, POSTGRES_IMAGE_TABLE, type PostgresImageStoreOptions } from "../images/postgres-image-store.js";

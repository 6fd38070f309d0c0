import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { MemoryImageStore } from "interleaf/storage";
import { MemoryResultCache, openStorage, type Storage } from "../../src/storage/index.js";
import { checkpointerConformance } from "../../src/conformance/checkpointer.js";
import { imageStoreConformance } from "../../src/conformance/image-store.js";
import { resultCacheConformance } from "../../src/conformance/result-cache.js";
import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "./postgres-test-database.js";

const dir = mkdtempSync(join(tmpdir(), "interleaf-conformance-"));
const schemas = new Set<string>();
const open = new Map<unknown, Storage>();
const schemaOf = new Map<unknown, string>();
let counter = 0;

async function track<T>(storage: Storage, pick: (s: Storage) => T): Promise<T> {
  const subject = pick(storage);
  open.set(subject, storage);
  return subject;
}
async function closeFor(subject: unknown): Promise<void> {
  await open.get(subject)?.close();
  open.delete(subject);
}
const sqlite = () => openStorage(join(dir, `store-${(counter += 1)}.db`));
/** Postgres storage in a schema of its own, so no two subjects see each other's rows. */
async function postgresSubject<T>(pick: (s: Storage) => T): Promise<T> {
  const schema = uniqueSchema("conf");
  schemas.add(schema);
  const subject = await track(await openStorage(postgresSpec(schema)), pick);
  schemaOf.set(subject, schema);
  return subject;
}
async function dropFor(subject: unknown): Promise<void> {
  await closeFor(subject);
  const schema = schemaOf.get(subject);
  if (schema === undefined) return;
  schemaOf.delete(subject);
  schemas.delete(schema);
  await dropSchemas([schema]);
}

afterAll(async () => {
  for (const storage of open.values()) await storage.close();
  await dropSchemas(schemas);
  rmSync(dir, { recursive: true, force: true });
});

describe("memory", () => {
  imageStoreConformance("MemoryImageStore", () => new MemoryImageStore());
  resultCacheConformance("MemoryResultCache", () => new MemoryResultCache());
  checkpointerConformance("MemorySaver", () => new MemorySaver());
  checkpointerConformance<BaseCheckpointSaver>("openStorage(memory).checkpointer", async () => track(await openStorage("memory"), (s) => s.checkpointer), {
    dispose: closeFor,
    langgraphName: "MemorySaver",
  });
  imageStoreConformance("openStorage(memory).images", async () => track(await openStorage("memory"), (s) => s.images), { dispose: closeFor });
});

describe("sqlite", () => {
  imageStoreConformance("SqliteImageStore", async () => track(await sqlite(), (s) => s.images), { dispose: closeFor });
  resultCacheConformance("SqliteResultCache", async () => track(await sqlite(), (s) => s.cache), { dispose: closeFor });
  checkpointerConformance<BaseCheckpointSaver>("SqliteSaver via openStorage", async () => track(await sqlite(), (s) => s.checkpointer), {
    dispose: closeFor,
    langgraphName: "@langchain/langgraph-checkpoint-sqlite",
  });
});

describe("postgres", () => {
  beforeAll(requirePostgres);
  imageStoreConformance("PostgresImageStore", () => postgresSubject((s) => s.images), { dispose: dropFor });
  resultCacheConformance("PostgresResultCache", () => postgresSubject((s) => s.cache), { dispose: dropFor });
  checkpointerConformance<BaseCheckpointSaver>("PostgresSaver via openStorage", () => postgresSubject((s) => s.checkpointer), { dispose: dropFor });
});

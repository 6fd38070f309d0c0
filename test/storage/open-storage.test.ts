import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemorySaver } from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { MemoryResultCache, PostgresImageStore, PostgresResultCache, SqliteImageStore, SqliteResultCache, openStorage } from "../../src/storage/index.js";
import { DEFAULT_SQLITE_PATH, parseStorageSpec } from "../../src/storage/storage-spec.js";
import { dropSchemas, postgresSpec, queryPostgres, requirePostgres, uniqueSchema } from "./postgres-test-database.js";

const dir = mkdtempSync(join(tmpdir(), "interleaf-open-storage-"));
const schemas = new Set<string>();

afterAll(async () => {
  await dropSchemas(schemas);
  rmSync(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<InterleafError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(InterleafError.isInstance(error), `expected an InterleafError, got ${String(error)}`).toBe(true);
  return error as InterleafError;
}

describe("parseStorageSpec", () => {
  it("maps each spec form to its kind", () => {
    expect(parseStorageSpec(undefined, "/work/x")).toEqual({ kind: "sqlite", path: `/work/x/${DEFAULT_SQLITE_PATH}` });
    expect(parseStorageSpec("memory")).toEqual({ kind: "memory" });
    expect(parseStorageSpec(":memory:")).toEqual({ kind: "memory" });
    expect(parseStorageSpec("runs/a.db", "/work/x")).toEqual({ kind: "sqlite", path: "/work/x/runs/a.db" });
    expect(parseStorageSpec("sqlite:runs/a.db", "/work/x")).toEqual({ kind: "sqlite", path: "/work/x/runs/a.db" });
    expect(parseStorageSpec("sqlite:/abs/a.db", "/work/x")).toEqual({ kind: "sqlite", path: "/abs/a.db" });
    expect(parseStorageSpec("sqlite:///abs/a.db", "/work/x")).toEqual({ kind: "sqlite", path: "/abs/a.db" });
    const pg = parseStorageSpec("postgresql://u:p@db.example:6543/app?schema=runs");
    expect(pg.kind).toBe("postgres");
    if (pg.kind === "postgres") {
      expect(pg.url.hostname).toBe("db.example");
      expect(pg.schema).toBe("runs");
    }
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["sqlite:", "needs a file path"],
    ["sqlite://", "needs a file path"],
    ["mysql://root@127.0.0.1/db", "unsupported storage scheme `mysql://`"],
    ["http://127.0.0.1/db", "unsupported storage scheme `http://`"],
    ["postgres://", "Postgres URL"],
    ["postgres://u@127.0.0.1/db?schema=a;drop", "not a plain identifier"],
    ["a\0b", "NUL"],
  ])("rejects %j as config_invalid", async (spec, fragment) => {
    const error = await rejection(openStorage(spec));
    expect(error.code).toBe("config_invalid");
    expect(error.message).toContain(fragment);
    expect(error.message).toContain("Use a SQLite file path");
  });
});

describe("openStorage", () => {
  it("opens memory storage with LangGraph's MemorySaver", async () => {
    const storage = await openStorage("memory");
    expect(storage.kind).toBe("memory");
    expect(storage.location).toBe("memory");
    expect(storage.checkpointer).toBeInstanceOf(MemorySaver);
    expect(storage.images).toBeInstanceOf(MemoryImageStore);
    expect(storage.cache).toBeInstanceOf(MemoryResultCache);
    await storage.close();
  });

  it("defaults to .interleaf/interleaf.db under the current directory, creating the folder", async () => {
    const cwd = process.cwd();
    const here = mkdtempSync(join(dir, "cwd-"));
    process.chdir(here);
    try {
      const storage = await openStorage();
      expect(storage.kind).toBe("sqlite");
      expect(storage.location).toBe(join(here, ".interleaf", "interleaf.db"));
      await storage.cache.set("k", 1);
      await storage.close();
      expect(existsSync(join(here, ".interleaf", "interleaf.db"))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it("opens one SQLite file in WAL mode with synchronous=NORMAL holding checkpoints, images and cache", async () => {
    const path = join(dir, "nested", "folder", "runs.db");
    const storage = await openStorage(`sqlite:${path}`);
    expect(storage.kind).toBe("sqlite");
    expect(storage.location).toBe(path);
    expect(storage.checkpointer).toBeInstanceOf(SqliteSaver);
    expect(storage.images).toBeInstanceOf(SqliteImageStore);
    expect(storage.cache).toBeInstanceOf(SqliteResultCache);
    const db = (storage.checkpointer as SqliteSaver).db;
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(1);
    await storage.images.put(new Uint8Array([1, 2, 3]), "image/png");
    await storage.cache.set("answer", 42);
    await storage.checkpointer.getTuple({ configurable: { thread_id: "none" } });
    await storage.close();
    await storage.close();

    const raw = new Database(path, { readonly: true });
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(["checkpoints", "interleaf_images", "interleaf_results", "interleaf_thread_leases", "writes"]);
    expect(raw.prepare("SELECT mime, size FROM interleaf_images").get()).toEqual({ mime: "image/png", size: 3 });
    raw.close();
  });

  it("accepts a plain file path", async () => {
    const storage = await openStorage(join(dir, "plain.db"));
    expect(storage.kind).toBe("sqlite");
    await storage.close();
  });

  it("reports a file that is not a SQLite database as storage_failed", async () => {
    const path = join(dir, "not-a-db.db");
    writeFileSync(path, "this is a text file, not a database ".repeat(200));
    const error = await rejection(openStorage(path));
    expect(error.code).toBe("storage_failed");
    expect(error.message).toContain(path);
    expect(error.message).toContain("not a SQLite database");
  });

  it("opens Postgres with one pool, creating the schema and tables, and prints the URL without its password", async () => {
    await requirePostgres();
    const schema = uniqueSchema("open");
    schemas.add(schema);
    const storage = await openStorage(`postgres://postgres:hunter2secret@127.0.0.1:5432/test?schema=${schema}`);
    expect(storage.kind).toBe("postgres");
    expect(storage.location).toBe(`postgres://postgres@127.0.0.1:5432/test?schema=${schema}`);
    expect(storage.location).not.toContain("hunter2secret");
    expect(storage.checkpointer).toBeInstanceOf(PostgresSaver);
    expect(storage.images).toBeInstanceOf(PostgresImageStore);
    expect(storage.cache).toBeInstanceOf(PostgresResultCache);
    await storage.cache.set("answer", 42);
    await storage.close();
    const tables = await queryPostgres<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name",
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(["checkpoint_blobs", "checkpoint_migrations", "checkpoint_writes", "checkpoints", "interleaf_images", "interleaf_results"]);
  });

  it("sets up safely when several processes' pools open the same new schema at once", async () => {
    await requirePostgres();
    const schema = uniqueSchema("race");
    schemas.add(schema);
    const opened = await Promise.all(Array.from({ length: 4 }, () => openStorage(postgresSpec(schema))));
    await Promise.all(opened.map((s, i) => s.cache.set(`k${i}`, i)));
    expect(await opened[0]?.cache.get("k3")).toBe(3);
    const migrations = await queryPostgres<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".checkpoint_migrations`);
    expect(Number(migrations[0]?.n)).toBeGreaterThan(0);
    await Promise.all(opened.map((s) => s.close()));
  });

  it("reports an unreachable Postgres as retryable storage_failed naming the host, never the password", async () => {
    const error = await rejection(openStorage("postgres://postgres:hunter2secret@127.0.0.1:1/test"));
    expect(error.code).toBe("storage_failed");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("127.0.0.1:1/test");
    expect(error.message).not.toContain("hunter2secret");
    expect(JSON.stringify(error.toJSON())).not.toContain("hunter2secret");
  });

  it("reports a missing Postgres database as non-retryable storage_failed", async () => {
    await requirePostgres();
    const error = await rejection(openStorage("postgres://postgres:pw-not-shown@127.0.0.1:5432/no_such_database_interleaf"));
    expect(error.code).toBe("storage_failed");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("no_such_database_interleaf");
    expect(error.message).not.toContain("pw-not-shown");
  });
});

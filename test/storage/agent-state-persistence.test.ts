import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MemorySaver } from "@langchain/langgraph-checkpoint";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import type { AgentStateValue, ImageRef } from "interleaf";
import { openStorage, type Storage } from "../../src/storage/index.js";
import { dropSchemas, postgresSpec, queryPostgres, requirePostgres, uniqueSchema } from "./postgres-test-database.js";
import { buildTrajectoryGraph } from "./trajectory-graph.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "images");
const photos = ["r1v4_demo_5.jpg", "animate_glass.jpg", "nba.png"].map((name) => new Uint8Array(readFileSync(join(fixtures, name))));
const dir = mkdtempSync(join(tmpdir(), "interleaf-persist-"));
const schema = uniqueSchema("persist");
const STEPS = 4;

let postgresUsed = false;
afterAll(async () => {
  if (postgresUsed) await dropSchemas([schema]);
  rmSync(dir, { recursive: true, force: true });
});

/** Every byte the checkpointer wrote for the thread, one buffer per stored value. */
type CheckpointBytes = (storage: Storage, threadId: string) => Promise<Buffer[]>;

const sqliteBytes = (path: string): CheckpointBytes => async (_storage, threadId) => {
  const db = new Database(path, { readonly: true });
  try {
    const checkpoints = db.prepare("SELECT checkpoint, metadata FROM checkpoints WHERE thread_id = ?").all(threadId) as { checkpoint: Buffer; metadata: Buffer }[];
    const writes = db.prepare("SELECT value FROM writes WHERE thread_id = ?").all(threadId) as { value: Buffer }[];
    return [...checkpoints.flatMap((r) => [Buffer.from(r.checkpoint), Buffer.from(r.metadata)]), ...writes.map((w) => Buffer.from(w.value))];
  } finally {
    db.close();
  }
};

const postgresBytes: CheckpointBytes = async (_storage, threadId) => {
  const q = (sql: string) => queryPostgres<{ b: Buffer | string }>(sql, [threadId]);
  const rows = [
    ...(await q(`SELECT checkpoint::text AS b FROM "${schema}".checkpoints WHERE thread_id = $1`)),
    ...(await q(`SELECT metadata::text AS b FROM "${schema}".checkpoints WHERE thread_id = $1`)),
    ...(await q(`SELECT blob AS b FROM "${schema}".checkpoint_blobs WHERE thread_id = $1 AND blob IS NOT NULL`)),
    ...(await q(`SELECT blob AS b FROM "${schema}".checkpoint_writes WHERE thread_id = $1`)),
  ];
  return rows.map((r) => (typeof r.b === "string" ? Buffer.from(r.b) : r.b));
};

const memoryBytes: CheckpointBytes = async (storage) => {
  const saver = storage.checkpointer as MemorySaver;
  const found: Buffer[] = [];
  const walk = (value: unknown): void => {
    if (value instanceof Uint8Array) found.push(Buffer.from(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(saver.storage);
  walk(saver.writes);
  return found;
};

const cases: { name: string; spec: () => string; reopens: boolean; bytes: CheckpointBytes; needsServer?: boolean }[] = [
  { name: "memory", spec: () => "memory", reopens: false, bytes: memoryBytes },
  { name: "sqlite", spec: () => join(dir, "agent.db"), reopens: true, bytes: sqliteBytes(join(dir, "agent.db")) },
  { name: "postgres", spec: () => postgresSpec(schema), reopens: true, bytes: postgresBytes, needsServer: true },
];

describe.each(cases)("AgentState checkpoints in $name storage", ({ spec, reopens, bytes, needsServer }) => {
  it("runs a graph appending steps with ImageRefs, then reads state and image bytes back from a new connection", async () => {
    if (needsServer) {
      await requirePostgres();
      postgresUsed = true;
    }
    const threadId = `thread-${Math.random().toString(36).slice(2)}`;
    const config = { configurable: { thread_id: threadId } };
    const first = await openStorage(spec());
    const graph = buildTrajectoryGraph(first.images, first.checkpointer, photos, STEPS);
    const result = await graph.invoke({ question: "What is written on the glass?", images: [] }, config);
    expect(result.steps).toHaveLength(STEPS);

    const second = reopens ? await openStorage(spec()) : first;
    if (reopens) await first.close();
    try {
      const snapshot = await buildTrajectoryGraph(second.images, second.checkpointer, photos, STEPS).getState(config);
      const state = snapshot.values as AgentStateValue;
      expect(state.question).toBe("What is written on the glass?");
      expect(state.steps).toEqual(result.steps);
      expect(state.steps.map((s) => s.index)).toEqual([0, 1, 2, 3]);
      expect(state.counters.toolCalls).toBe(STEPS);

      const refs: ImageRef[] = state.steps.flatMap((s) => s.calls.flatMap((c) => c.observation.images));
      expect(refs).toHaveLength(2 * STEPS);
      for (const [i, step] of state.steps.entries()) {
        const [original, crop] = step.calls[0]?.observation.images ?? [];
        const photo = photos[i % photos.length] as Uint8Array;
        const stored = await second.images.get(original?.id ?? "");
        expect(Buffer.from(stored.bytes).equals(Buffer.from(photo))).toBe(true);
        expect(stored.mime).toBe("image/jpeg");
        expect(crop?.parent).toBe(original?.id);
        expect(crop?.toOrigin).toEqual([1, 0, i, 0, 1, 0]);
        const cropBytes = await second.images.get(crop?.id ?? "");
        expect(createHash("sha256").update(cropBytes.bytes).digest("hex")).toBe(crop?.id);
        expect(cropBytes.mime).toBe("image/png");
      }

      // No image bytes in the checkpoints, raw or base64: only refs.
      const stored = await bytes(second, threadId);
      expect(stored.length).toBeGreaterThan(0);
      const all = Buffer.concat(stored);
      expect(all.includes(Buffer.from(refs[0]?.id ?? "x"))).toBe(true);
      for (const photo of photos) {
        const head = Buffer.from(photo.subarray(0, 48));
        const middle = Buffer.from(photo.subarray(4096, 4096 + 48));
        expect(all.includes(head)).toBe(false);
        expect(all.includes(middle)).toBe(false);
        expect(all.includes(Buffer.from(head.toString("base64")))).toBe(false);
        expect(all.includes(Buffer.from(photo.subarray(0, 3 * 1024)).toString("base64").slice(0, 64))).toBe(false);
      }
      const imageBytes = photos.reduce((sum, p) => sum + p.byteLength, 0);
      expect(all.byteLength).toBeLessThan(imageBytes / 10);
    } finally {
      await second.close();
    }
  });
});

// Postgres storage as many workers use it: processes creating one schema at once, the same image
// written by all of them, a worker's pool sized for its concurrency, and a held thread lock whose
// connection dies.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { agentFromSpec, type AgentSpec } from "interleaf/graphs";
import { openStorage } from "interleaf/storage";
import { createWorker, enqueueRun, poolSizeFor, queueCounts, runQueue } from "interleaf/workers";
import { dropSchemas, postgresSpec, queryPostgres, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";
import { questionOf, startScriptedChatServer } from "./support/scripted-chat-server.js";
import { startTcpProxy } from "./support/tcp-proxy.js";
import { until } from "./support/worker-processes.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const image = join(root, "test", "fixtures", "images", "r1v4_demo_5.jpg");
const schemas: string[] = [];

beforeAll(requirePostgres);
afterAll(() => dropSchemas(schemas));

it("four processes starting on one new schema at once create it once and store one copy of the same image", { timeout: 90_000 }, async () => {
  const schema = uniqueSchema("workers_starters");
  schemas.push(schema);
  const starters = Array.from({ length: 4 }, () => run(process.execPath, ["--import", "tsx", join(import.meta.dirname, "support", "open-storage-child.ts"), postgresSpec(schema), image], { cwd: root }));
  const ids = (await Promise.all(starters)).map(({ stdout }) => stdout.trim());
  expect(new Set(ids).size).toBe(1);
  const [rows] = await queryPostgres<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".interleaf_images`);
  expect(Number(rows?.n)).toBe(1);
  // The migrations ran once: as many rows as a schema opened by one process alone.
  const alone = uniqueSchema("workers_alone");
  schemas.push(alone);
  await (await openStorage(postgresSpec(alone))).close();
  const count = async (name: string) => Number((await queryPostgres<{ n: string }>(`SELECT count(*) AS n FROM "${name}".checkpoint_migrations`))[0]?.n);
  expect(await count(schema)).toBe(await count(alone));
});

it("a worker's pool is sized for its concurrency: twelve runs at once, each holding its thread lock", { timeout: 60_000 }, async () => {
  const schema = uniqueSchema("workers_pool");
  schemas.push(schema);
  const server = await startScriptedChatServer(300);
  const queueName = `interleaf-test-pool-${randomBytes(4).toString("hex")}`;
  const queue = runQueue("redis://127.0.0.1:6379", queueName);
  const worker = await createWorker({ connection: "redis://127.0.0.1:6379", queue: queueName, storage: postgresSpec(schema), concurrency: 12, agents: noteAgent });
  try {
    const spec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: server.baseURL, apiKeyEnv: "none" };
    for (let item = 0; item < 12; item++) await enqueueRun(queue, { threadId: `pool-${item}`, spec, input: { question: questionOf(item) } });
    await until(async () => (await queueCounts(queue)).completed === 12, 45_000, "12 completed runs");
    expect(server.maxInFlight).toBeGreaterThanOrEqual(10);
    expect(poolSizeFor(12)).toBeGreaterThan(12);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await server.close();
  }
});

it("a held thread lock whose connection dies does not end the process, and the lock is free again", { timeout: 30_000 }, async () => {
  const schema = uniqueSchema("workers_lock_cut");
  schemas.push(schema);
  await (await openStorage(postgresSpec(schema))).close();
  const proxy = await startTcpProxy(5432);
  const storage = await openStorage(`postgres://postgres@127.0.0.1:${proxy.port}/test?schema=${schema}`);
  try {
    const lock = await storage.locks.acquire("thread-cut");
    proxy.cut();
    // pg reports the dead connection as an 'error' event on the held client; unheard, it would crash the process.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await lock.release();
    proxy.restore();
    const direct = await openStorage(postgresSpec(schema));
    try {
      const again = await direct.locks.acquire("thread-cut");
      await again.release();
    } finally {
      await direct.close();
    }
  } finally {
    await storage.close();
    await proxy.close();
  }
});

async function noteAgent(spec: AgentSpec, environment: Parameters<typeof agentFromSpec>[1]) {
  const { noteTool } = await import("./support/note-tool.js");
  const agent = await agentFromSpec(spec, environment);
  return agent.with({ tools: [...agent.tools.list(), noteTool(join(tmpdir(), `interleaf-workers-pool-notes-${process.pid}.log`))] });
}

// Redis or Postgres goes away for a moment while two worker processes run items: the workers back
// off, reconnect and finish every item exactly once, with the right answers.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import type { AgentSpec } from "interleaf/graphs";
import { enqueueRun, queueCounts, runQueue, runStatus, type RunQueue } from "interleaf/workers";
import { dropSchemas, POSTGRES_URL, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";
import { readNotes } from "./support/note-tool.js";
import { NOTE_TURNS, questionOf, startScriptedChatServer, type ScriptedChatServer } from "./support/scripted-chat-server.js";
import { startTcpProxy } from "./support/tcp-proxy.js";
import { startWorkerProcess, until, type WorkerProcess } from "./support/worker-processes.js";

const ITEMS = 4;
const dir = mkdtempSync(join(tmpdir(), "interleaf-workers-outage-"));
const schemas: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
let server: ScriptedChatServer;

beforeAll(async () => {
  await requirePostgres();
  server = await startScriptedChatServer(300);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await server?.close();
  await dropSchemas(schemas);
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A redis-server of our own, persisting every write (appendfsync always), so a restart loses nothing. */
async function startRedis(port: number, data: string): Promise<ChildProcess> {
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", data], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) resolve();
    });
    proc.on("exit", (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return proc;
}

async function runWithOutage(redisUrl: string, db: string, outage: () => Promise<void>) {
  const queueName = `interleaf-test-outage-${randomBytes(4).toString("hex")}`;
  const notes = join(dir, `${queueName}.log`);
  writeFileSync(notes, "");
  const spec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: server.baseURL, apiKeyEnv: "none" };
  const workers: WorkerProcess[] = [];
  for (let i = 0; i < 2; i++) workers.push(startWorkerProcess({ redis: redisUrl, queue: queueName, db, notes, lockDurationMs: 10_000, stalledIntervalMs: 2_000 }));
  cleanups.push(() => workers.forEach((worker) => worker.proc.kill("SIGKILL")));
  await Promise.all(workers.map((worker) => worker.waitForLine(/^ready$/)));
  const queue: RunQueue = runQueue(redisUrl, queueName);
  cleanups.push(() => queue.close());
  const first = server.requests.length;
  for (let item = 0; item < ITEMS; item++) await enqueueRun(queue, { threadId: `${queueName}-${item}`, spec, input: { question: questionOf(item) } });
  await server.waitFor((request) => server.requests.indexOf(request) >= first && request.turn === 1);
  await outage();
  await until(async () => (await queueCounts(queue)).completed === ITEMS, 90_000, `${ITEMS} completed runs`).catch(async (error: unknown) => {
    const statuses = await Promise.all(Array.from({ length: ITEMS }, (_, item) => runStatus(queue, `${queueName}-${item}`)));
    throw new Error(`${String(error)}\n${JSON.stringify(statuses, null, 1)}\n${workers.map((worker) => worker.lines.join("\n")).join("\n--\n")}`);
  });
  for (let item = 0; item < ITEMS; item++) {
    const { outcome } = await runStatus(queue, `${queueName}-${item}`);
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: "answered", answer: `answer-${item}` });
  }
  const completions = workers.flatMap((worker) => worker.lines.filter((line) => line.startsWith("completed ")));
  expect(completions.sort()).toEqual(Array.from({ length: ITEMS }, (_, i) => `completed ${queueName}-${i}`).sort());
  // Every note was made; none lost.
  const executed = new Set(readNotes(readFileSync(notes, "utf8")));
  expect(executed.size).toBe(ITEMS * NOTE_TURNS);
  await queue.obliterate({ force: true });
}

it("Redis stops for two seconds mid-run: workers reconnect, every item finishes once", { timeout: 120_000 }, async () => {
  const schema = uniqueSchema("workers_redis_outage");
  schemas.push(schema);
  const port = await freePort();
  const data = mkdtempSync(join(dir, "redis-"));
  let redis = await startRedis(port, data);
  cleanups.push(() => void redis.kill("SIGKILL"));
  await runWithOutage(`redis://127.0.0.1:${port}`, `${POSTGRES_URL}?schema=${schema}`, async () => {
    redis.kill("SIGKILL");
    await new Promise((resolve) => redis.on("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    redis = await startRedis(port, data);
  });
});

it("Postgres is cut off for two seconds mid-run: workers back off, resume, every item finishes once", { timeout: 120_000 }, async () => {
  const schema = uniqueSchema("workers_pg_outage");
  schemas.push(schema);
  const proxy = await startTcpProxy(5432);
  cleanups.push(() => proxy.close());
  await runWithOutage("redis://127.0.0.1:6379", `postgres://postgres@127.0.0.1:${proxy.port}/test?schema=${schema}`, async () => {
    proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    proxy.restore();
  });
});

// Rate limits shared through a real Redis: two workers (separate connections, as on two machines)
// against one local model endpoint stay within its limits together, and a 429's Retry-After holds
// both back.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { agentFromSpec, type AgentSpec } from "interleaf/graphs";
import { openStorage } from "interleaf/storage";
import { createWorker, enqueueRun, queueCounts, redisRateLimiter, runQueue, type RateLimit, type RunWorker } from "interleaf/workers";
import { noteTool } from "./support/note-tool.js";
import { questionOf, startScriptedChatServer, type ScriptedChatServer } from "./support/scripted-chat-server.js";
import { until } from "./support/worker-processes.js";

const REDIS = "redis://127.0.0.1:6379";
const dir = mkdtempSync(join(tmpdir(), "interleaf-workers-limits-"));
const notes = join(dir, "notes.log");
const redis = new Redis(REDIS);
const open: { close(): Promise<void> }[] = [];

beforeAll(() => writeFileSync(notes, ""));
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});
afterAll(async () => {
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Two workers with their own Redis connections and the same limits on the server's origin, running `items` items. */
async function runItems(server: ScriptedChatServer, items: number, limit: RateLimit, during?: () => Promise<void>) {
  const queueName = `interleaf-test-limits-${randomBytes(4).toString("hex")}`;
  const keyPrefix = `interleaf-test-limit-${randomBytes(4).toString("hex")}`;
  const queue = runQueue(REDIS, queueName);
  const spec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: server.baseURL, apiKeyEnv: "none" };
  const workers: RunWorker[] = [];
  for (let i = 0; i < 2; i++) {
    const storage = await openStorage("memory");
    workers.push(
      await createWorker({
        connection: REDIS,
        queue: queueName,
        storage,
        concurrency: 2,
        rateLimits: { [server.origin]: limit },
        rateLimitKeyPrefix: keyPrefix,
        agents: async (agentSpec, environment) => {
          const agent = await agentFromSpec(agentSpec, environment);
          return agent.with({ tools: [...agent.tools.list(), noteTool(notes)] });
        },
      }),
    );
    open.push({ close: () => storage.close() });
  }
  open.push({ close: () => queue.obliterate({ force: true }).then(() => queue.close()) });
  for (const worker of workers) open.push(worker);
  for (let item = 0; item < items; item++) await enqueueRun(queue, { threadId: `limits-${item}`, spec, input: { question: questionOf(item) } });
  await during?.();
  await until(async () => (await queueCounts(queue)).completed === items, 60_000, `${items} completed runs`);
}

it("concurrent requests and requests per second hold across workers", { timeout: 60_000 }, async () => {
  const server = await startScriptedChatServer(100);
  open.push(server);
  await runItems(server, 4, { maxConcurrent: 1, requestsPerSecond: 4 });
  expect(server.requests).toHaveLength(16);
  // Four items on two workers of concurrency 2 would send four at once without the limit.
  expect(server.maxInFlight).toBe(1);
  // Sixteen starts at four per second take three seconds at least (without the limit, at one in
  // flight, about 1.6 s); the exact window is checked on the limiter below.
  const starts = server.requests.map((request) => request.arrivedAt).sort((a, b) => a - b);
  expect((starts[15] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(3_000 - 150);
});

it("a 429's Retry-After holds every worker back", { timeout: 60_000 }, async () => {
  const server = await startScriptedChatServer(100);
  open.push(server);
  await runItems(server, 4, { requestsPerSecond: 100 }, async () => {
    await server.waitFor((request) => request.turn === 1);
    server.rateLimitNext(1, 2);
  });
  const limited = server.requests.find((request) => request.status === 429);
  expect(limited).toBeDefined();
  const at = limited?.answeredAt as number;
  // Requests already on their way may still arrive just after; none is sent once the pause is known.
  const during = server.requests.filter((request) => request.arrivedAt > at + 200 && request.arrivedAt < at + 1_900);
  expect(during).toEqual([]);
  expect(server.requests.filter((request) => request.arrivedAt >= at + 1_900).length).toBeGreaterThan(0);
});

it("no more than the requests per second start in any second, across connections", { timeout: 20_000 }, async () => {
  const key = `interleaf-test-limit-${randomBytes(4).toString("hex")}`;
  const other = new Redis(REDIS);
  try {
    const limiters = [redisRateLimiter(redis, { key, requestsPerSecond: 4 }), redisRateLimiter(other, { key, requestsPerSecond: 4 })];
    const starts: number[] = [];
    await Promise.all(
      limiters.map(async (limiter) => {
        for (let i = 0; i < 5; i++) {
          await limiter.acquire();
          starts.push(Date.now());
        }
      }),
    );
    starts.sort((a, b) => a - b);
    for (let i = 4; i < starts.length; i++) expect(starts[i] as number, `start ${i}`).toBeGreaterThanOrEqual((starts[i - 4] as number) + 1000 - 30);
  } finally {
    other.disconnect();
  }
});

it("a slot of a worker that died is given back when its lease ends", { timeout: 20_000 }, async () => {
  const key = `interleaf-test-limit-${randomBytes(4).toString("hex")}`;
  const dead = redisRateLimiter(redis, { key, maxConcurrent: 1, leaseMs: 500 });
  await dead.acquire(); // never released: its worker "died"
  const other = new Redis(REDIS);
  try {
    const alive = redisRateLimiter(other, { key, maxConcurrent: 1, leaseMs: 500 });
    const started = Date.now();
    const slot = await alive.acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await slot.release();
  } finally {
    other.disconnect();
  }
});

// Three worker processes share a queue (real Redis) and a Postgres schema; one is SIGKILLed while
// the model answers one of its items. Every item must finish exactly once, with the trajectory a
// single-process run of the same scripted model gives, and no finished tool call run again.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { agentFromSpec, type AgentSpec } from "interleaf/graphs";
import { openStorage } from "interleaf/storage";
import { enqueueRun, queueCounts, runQueue, runStatus, type RunQueue } from "interleaf/workers";
import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";
import { noteTool, readNotes } from "./support/note-tool.js";
import { NOTE_TURNS, questionOf, startScriptedChatServer, type ScriptedChatServer } from "./support/scripted-chat-server.js";
import { startWorkerProcess, until, type WorkerProcess } from "./support/worker-processes.js";
import type { TrajectoryStep } from "interleaf";

const REDIS = "redis://127.0.0.1:6379";
const ITEMS = 6;
const dir = mkdtempSync(join(tmpdir(), "interleaf-workers-crash-"));
const schema = uniqueSchema("workers_crash");
const queueName = `interleaf-test-crash-${randomBytes(4).toString("hex")}`;
let server: ScriptedChatServer;
let queue: RunQueue;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  await requirePostgres();
  server = await startScriptedChatServer(300);
  queue = runQueue(REDIS, queueName);
});

afterAll(async () => {
  for (const worker of workers) worker.proc.kill("SIGKILL");
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  await server?.close();
  await dropSchemas([schema]);
  rmSync(dir, { recursive: true, force: true });
});

/** What must match between runs: thoughts, calls and observations, not timings. */
function essence(steps: TrajectoryStep[]) {
  return steps.map((step) => ({ kind: step.kind, thought: step.thought, answer: step.answer, calls: step.calls.map((call) => ({ name: call.name, arguments: call.arguments, text: call.observation.text })) }));
}

it("kills one of three workers mid-item: every item finishes once, as in one process, no tool call repeated", { timeout: 120_000 }, async () => {
  const spec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: server.baseURL, apiKeyEnv: "none" };
  const notes = join(dir, "notes.log");
  writeFileSync(notes, "");
  const db = postgresSpec(schema);
  for (let i = 0; i < 3; i++) workers.push(startWorkerProcess({ redis: REDIS, queue: queueName, db, notes, lockDurationMs: 2_000, stalledIntervalMs: 1_000 }));
  await Promise.all(workers.map((worker) => worker.waitForLine(/^ready$/)));
  for (let item = 0; item < ITEMS; item++) await enqueueRun(queue, { threadId: `item-${item}`, spec, input: { question: questionOf(item) } });
  // Enqueuing a thread again adds nothing.
  await enqueueRun(queue, { threadId: "item-0", spec, input: { question: questionOf(0) } });

  // The victim: the worker running the first item whose model is asked for its third turn
  // (two tool calls finished and journaled); it dies while the server holds that request.
  const victimRequest = await server.waitFor((request) => request.turn === 2);
  const thread = `item-${victimRequest.item}`;
  const victim = workers.find((worker) => worker.lines.includes(`active ${thread}`));
  expect(victim, `no worker said it runs ${thread}`).toBeDefined();
  victim?.proc.kill("SIGKILL");
  expect((await victim?.exited)?.signal).toBe("SIGKILL");

  await until(async () => (await queueCounts(queue)).completed === ITEMS, 90_000, `${ITEMS} completed runs`);
  expect(await queueCounts(queue)).toMatchObject({ completed: ITEMS, failed: 0, active: 0, waiting: 0 });

  // Exactly once: one completion per item across the surviving workers, none by the victim.
  const completions = workers.flatMap((worker) => worker.lines.filter((line) => line.startsWith("completed ")));
  expect(completions.sort()).toEqual(Array.from({ length: ITEMS }, (_, i) => `completed item-${i}`).sort());
  expect(victim?.lines.some((line) => line.startsWith("completed "))).toBe(false);

  const killed = await runStatus(queue, thread);
  expect(killed.outcome).toMatchObject({ status: "answered", answer: `answer-${victimRequest.item}`, resumed: true });
  expect(killed.outcome?.worker).not.toContain(`:${victim?.pid}#`);

  // No finished tool call ran twice: each note was executed once; the victim's two finished
  // notes came from the journal when its item was resumed.
  const executed = readNotes(readFileSync(notes, "utf8"));
  const expected = Array.from({ length: ITEMS }, (_, item) => Array.from({ length: NOTE_TURNS }, (_, turn) => `${item}-${turn}`)).flat();
  expect([...executed].sort()).toEqual([...expected].sort());
  const victimNotes = readFileSync(notes, "utf8").split("\n").filter((line) => line.endsWith(` ${victim?.pid}`));
  expect(victimNotes.map((line) => line.split(" ")[0])).toEqual(expect.arrayContaining([`${victimRequest.item}-0`, `${victimRequest.item}-1`]));

  // The same items in one process, on fresh storage: identical trajectories.
  const shared = await openStorage(db);
  const local = await openStorage("memory");
  try {
    const reference = await agentFromSpec(spec, { storage: local });
    const inProcess = reference.with({ tools: [...reference.tools.list(), noteTool(join(dir, "reference.log"))] });
    const readBack = await agentFromSpec(spec, { storage: shared });
    for (let item = 0; item < ITEMS; item++) {
      const expectedRun = await inProcess.run({ question: questionOf(item) }, { threadId: `ref-${item}` });
      const distributed = await readBack.state(`item-${item}`);
      expect(distributed?.answer).toBe(`answer-${item}`);
      expect(essence(distributed?.steps ?? [])).toEqual(essence(expectedRun.steps));
    }
  } finally {
    await shared.close();
    await local.close();
  }
});

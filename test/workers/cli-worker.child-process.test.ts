// `interleaf worker` as a real process: SIGTERM mid-run checkpoints the run and gives the job back
// (the grace period is shorter than the model's answer); a second worker resumes and finishes it;
// `interleaf worker status` reports it from another process.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { agentFromSpec, type AgentSpec } from "interleaf/graphs";
import { ingestImage } from "interleaf/images";
import { openStorage } from "interleaf/storage";
import { createWorker, enqueueRun, runQueue, runStatus, type RunQueue } from "interleaf/workers";
import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";
import { questionOf, startScriptedChatServer, type ScriptedChatServer } from "./support/scripted-chat-server.js";
import { until } from "./support/worker-processes.js";

const REDIS = "redis://127.0.0.1:6379";
const root = fileURLToPath(new URL("../..", import.meta.url));
const schema = uniqueSchema("workers_cli");
const queueName = `interleaf-test-cli-${randomBytes(4).toString("hex")}`;
let server: ScriptedChatServer;
let queue: RunQueue;

beforeAll(async () => {
  await requirePostgres();
  server = await startScriptedChatServer(1_500, "grayscale");
  queue = runQueue(REDIS, queueName);
});
afterAll(async () => {
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  await server?.close();
  await dropSchemas([schema]);
});

function cli(args: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", "cli/main.ts", ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited, stderr: () => stderr };
}

it("SIGTERM gives the running job back with its checkpoint; another worker finishes it", { timeout: 120_000 }, async () => {
  const db = postgresSpec(schema);
  const workerArgs = ["worker", "--queue", REDIS, "--queue-name", queueName, "--db", db, "--grace", "1"];
  const spec: AgentSpec = { mode: "general", dialect: "r1v4", model: "local:scripted", baseUrl: server.baseURL, apiKeyEnv: "none" };
  const first = cli(workerArgs);
  await until(() => first.stderr().includes("waits for runs"), 60_000, "the first worker to start");
  // The input image goes to the shared store first; the job carries its reference.
  const storage = await openStorage(db);
  const photo = await ingestImage(storage.images, new Uint8Array(readFileSync(join(root, "test", "fixtures", "images", "r1v4_demo_5.jpg"))));
  await storage.close();
  await enqueueRun(queue, { threadId: "cli-0", spec, input: { question: questionOf(0), images: [photo] } });
  await server.waitFor((request) => request.turn === 1);
  first.proc.kill("SIGTERM");
  expect(await first.exited).toBe(0);
  expect(first.stderr()).toContain("stops: running runs have 1 s to finish");
  const given = await runStatus(queue, "cli-0");
  expect(given.state).toBe("waiting");
  expect(given.progress?.step).toBe(0);

  const second = cli(workerArgs);
  try {
    await until(async () => (await runStatus(queue, "cli-0")).state === "completed", 60_000, "the second worker to finish cli-0");
  } finally {
    second.proc.kill("SIGTERM");
    await second.exited;
  }
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "cli/main.ts", "worker", "status", "cli-0", "--queue", REDIS, "--queue-name", queueName, "--json"], { cwd: root });
  const status = JSON.parse(stdout) as Awaited<ReturnType<typeof runStatus>>;
  expect(status).toMatchObject({ state: "completed", outcome: { status: "answered", answer: "answer-0", resumed: true } });
  // The first turn was asked once; the turn cut short by the shutdown was asked again after the resume.
  // The thread in shared storage: three grayscale images produced, stored by hash, and the answer.
  const shared = await openStorage(db);
  try {
    const state = await (await agentFromSpec(spec, { storage: shared })).state("cli-0");
    expect(state?.answer).toBe("answer-0");
    const produced = state?.steps.flatMap((step) => step.calls.flatMap((call) => call.observation.images)) ?? [];
    expect(produced).toHaveLength(3);
    for (const ref of produced) expect(await shared.images.has(ref.id)).toBe(true);
  } finally {
    await shared.close();
  }
  const turns = server.requests.filter((request) => request.item === 0).map((request) => request.turn);
  expect(turns).toEqual([0, 1, 1, 2, 3]);
});

it("`interleaf run … --queue` stores the image in the shared storage and queues the run for the workers", { timeout: 120_000 }, async () => {
  const db = postgresSpec(schema);
  const photo = join(root, "test", "fixtures", "images", "r1v4_demo_5.jpg");
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "cli/main.ts", "run", photo, questionOf(1), "--queue", REDIS, "--queue-name", queueName, "--db", db, "--thread", "cli-1", "--model", "local:scripted", "--base-url", server.baseURL, "--api-key-env", "none"],
    { cwd: root },
  );
  expect(stdout.trim()).toBe("cli-1");
  expect((await runStatus(queue, "cli-1")).state).toBe("waiting");
  const worker = await createWorker({ connection: REDIS, queue: queueName, storage: db });
  try {
    await until(async () => (await runStatus(queue, "cli-1")).state === "completed", 60_000, "cli-1 to finish");
  } finally {
    await worker.close();
  }
  expect((await runStatus(queue, "cli-1")).outcome).toMatchObject({ status: "answered", answer: "answer-1", resumed: false, steps: 4 });
});

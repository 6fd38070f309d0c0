// One writer per thread: `run --thread X` and `resume X` in two processes must not both run (and both
// execute the in-flight tool call). A lock left by a killed process must not block its resume.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createGraphAgent, InterleafError, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { SCRIPT, loggingTool } from "../executor/fixtures/killable-run.js";
import { startTypeScriptChild, waitForFile } from "../support/child-process.js";
import { dropSchemas, postgresSpec, requirePostgres, uniqueSchema } from "../storage/postgres-test-database.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const child = fileURLToPath(new URL("../executor/fixtures/killable-run.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "interleaf-lock-"));
const schema = uniqueSchema("lock");
afterAll(async () => {
  await dropSchemas([schema]);
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(work: Promise<unknown>): Promise<InterleafError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!InterleafError.isInstance(error)) throw new Error(`expected an InterleafError, got ${String(error)}`);
  return error;
}

describe.each([
  ["SQLite", () => join(dir, "runs.db")],
  ["Postgres", () => postgresSpec(schema)],
])("a thread running in another process (%s)", (name, database) => {
  it("refuses a second writer with thread_busy; once the holder is killed, resume goes on at once", { timeout: 120_000 }, async () => {
    if (name === "Postgres") await requirePostgres();
    const db = database();
    const log = join(dir, `${name}.log`);
    const marker = join(dir, `${name}.hanging`);
    const { proc, exited } = startTypeScriptChild(child, [db, "busy", photo, log, marker]);
    await waitForFile(marker, 90_000);

    const storage = await openStorage(db);
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(SCRIPT), dialect: r1v4Dialect(), tools: [loggingTool(log, false)], storage });
    const resumed = await refusal(agent.resume("busy"));
    expect(resumed.code).toBe("thread_busy");
    expect(resumed.retryable).toBe(true);
    expect(resumed.message).toMatch(/busy is being run by/);
    if (name === "SQLite") expect(resumed.details).toMatchObject({ holder: { pid: proc.pid } });
    expect((await refusal(agent.run({ question: "again?" }, { threadId: "busy" }))).code).toBe("thread_busy");
    // The in-flight call ran once, in the child only.
    expect(readFileSync(log, "utf8").match(/start hang/g)).toHaveLength(1);

    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // Postgres frees a dead connection's locks when it notices the connection is gone: give it a moment.
    const result = await retryWhileBusy(() => agent.resume("busy"));
    expect(result.status).toBe("answered");
    await storage.close();
  });
});

async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!InterleafError.isInstance(error) || error.code !== "thread_busy" || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe("a SQLite lease", () => {
  it("held by a live process on another machine blocks until it expires", async () => {
    const path = join(dir, "lease.db");
    const storage = await openStorage(path);
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(["<think>ok</think><answer>yes</answer>"]), dialect: r1v4Dialect(), storage });
    const db = new Database(path);
    const lease = db.prepare("INSERT OR REPLACE INTO interleaf_thread_leases (thread_id, owner, pid, host, since, expires_at) VALUES (?, 'other', 1, 'elsewhere', 0, ?)");
    lease.run("far", Date.now() + 60_000);
    expect((await refusal(agent.run({ question: "?" }, { threadId: "far" }))).code).toBe("thread_busy");
    lease.run("far", Date.now() - 1);
    expect((await agent.run({ question: "?" }, { threadId: "far" })).status).toBe("answered");
    db.close();
    await storage.close();
  });

  it("is one writer per thread within a process too, and is given back when the run ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const storage = await openStorage(join(dir, "same.db"));
    const { z } = await import("zod");
    const { defineTool } = await import("interleaf");
    const wait = defineTool({ name: "wait", description: "Waits.", input: z.object({}), execute: async () => (await gate, { text: "waited" }) });
    const script = ['<think>Wait.</think><tool_call>{"name": "wait", "arguments": {}}</tool_call>', "<think>Done.</think><answer>done</answer>"];
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(script), dialect: r1v4Dialect(), tools: [wait], storage });
    const first = agent.run({ question: "?" }, { threadId: "same" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await refusal(agent.resume("same"))).code).toBe("thread_busy");
    release();
    expect((await first).status).toBe("answered");
    expect((await agent.resume("same")).status).toBe("answered");
    await storage.close();
  });
});

// Issue 16's eval path: `interleaf eval run … --queue` puts a run's threads on a queue, a worker runs
// and scores them into the shared storage, `interleaf eval status` shows the progress and
// `interleaf eval report` works as for a run made in one process.
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/cli-io.js";
import { EXIT } from "../../cli/exit-codes.js";
import { runCli } from "../../cli/run-cli.js";
import { EvalRunTable } from "interleaf/eval";
import { openStorage } from "interleaf/storage";
import { createWorker, evalRunCounts, runQueue, scoreEvalJob } from "interleaf/workers";
import { FVQA } from "../eval/runs/eval-test-kit.js";

const REDIS = "redis://127.0.0.1:6379";
const queueName = `interleaf-test-eval-${randomUUID()}`;
const queue = runQueue(REDIS, queueName);
afterAll(async () => {
  await queue.obliterate({ force: true });
  await queue.close();
});

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: {}, cwd, tty: { out: false, err: false } };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("an eval run on a queue", () => {
  it("is queued, run and scored by a worker, and reported like an in-process run", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-queued-eval-"));
    const db = join(dir, "shared.db");
    // Every thread plays the same script: "Spain" is right for the first row only.
    writeFileSync(join(dir, "turns.json"), JSON.stringify(["<think>I know this.</think>\n<answer>Spain</answer>"]));
    const queued = io(dir);
    const args = ["eval", "run", FVQA, "--script", "turns.json", "--scorer", "mmsearch-r1.fvqa.exact", "--run-id", "q1", "--temperature", "0.3", "--queue", REDIS, "--queue-name", queueName, "--db", db];
    expect(await runCli(args, queued.cli), queued.err()).toBe(EXIT.ok);
    expect(queued.out()).toContain("Run q1: 5 thread(s) queued");

    const before = io(dir);
    expect(await runCli(["eval", "status", "q1", "--queue", REDIS, "--queue-name", queueName, "--db", db, "--json"], before.cli), before.err()).toBe(EXIT.ok);
    expect(JSON.parse(before.out())).toMatchObject({ threads: { queued: 5, answered: 0, total: 5 }, queue: { waiting: 5 } });

    const storage = await openStorage(db, dir);
    const worker = await createWorker({ connection: REDIS, queue: queueName, storage, cwd: dir, afterRun: scoreEvalJob(storage), concurrency: 2 });
    try {
      await until(async () => (await evalRunCounts(storage, "q1")).answered === 5, 60_000);
    } finally {
      await worker.close();
    }
    const threads = await new EvalRunTable(storage.cache).threads("q1");
    expect(threads.map((t) => [t.itemId, t.status, t.answer, t.scores["mmsearch-r1.fvqa.exact"]?.score]).sort()).toEqual([
      ["0", "answered", "Spain", true],
      ["1", "answered", "Spain", false],
      ["2", "answered", "Spain", false],
      ["3", "answered", "Spain", false],
      ["4", "answered", "Spain", false],
    ]);
    await storage.close();

    const report = io(dir);
    expect(await runCli(["eval", "report", "q1", "--format", "json", "--db", db], report.cli), report.err()).toBe(EXIT.ok);
    expect(JSON.parse(report.out()).counts).toMatchObject({ items: 5, threads: 5, answered: 5, failed: 0, unfinished: 0 });

    // Enqueuing again continues the run: nothing finished is queued twice.
    const again = io(dir);
    expect(await runCli(args, again.cli), again.err()).toBe(EXIT.ok);
    expect(again.out()).toContain("Run q1: 0 thread(s) queued on");
    expect(again.out()).toContain("5 already finished");
  });
});

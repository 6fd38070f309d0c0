import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createGraphAgent, openStorage, r1v4Dialect } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { scriptedModel } from "interleaf/testing";
import { SCRIPT, loggingTool } from "./fixtures/killable-run.js";
import { startTypeScriptChild, waitForFile } from "../support/child-process.js";

const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));
const child = fileURLToPath(new URL("./fixtures/killable-run.ts", import.meta.url));

describe("resume after the process is killed (child process, SQLite)", () => {
  it("finishes a SIGKILLed run from its last checkpoint with the same result, repeating no finished tool call", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-kill-"));
    const db = join(dir, "runs.db");
    const log = join(dir, "calls.log");
    const marker = join(dir, "hanging");
    const { proc, exited } = startTypeScriptChild(child, [db, "killed", photo, log, marker]);
    await waitForFile(marker, 20_000);
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(readFileSync(log, "utf8")).toBe("start a\ndone a\nstart b\ndone b\nstart hang\n");

    const storage = await openStorage(db);
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(SCRIPT), dialect: r1v4Dialect(), tools: [loggingTool(log, false)], storage });
    const before = await agent.state("killed");
    expect(before?.steps).toHaveLength(2);
    expect(before?.pending?.requests[0]?.arguments).toEqual({ note: "hang" });
    const resumed = await agent.resume("killed");
    await storage.close();
    expect(resumed.status).toBe("answered");
    expect(readFileSync(log, "utf8")).toBe("start a\ndone a\nstart b\ndone b\nstart hang\nstart hang\ndone hang\n");

    const reference = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(SCRIPT), dialect: r1v4Dialect(), tools: [loggingTool(join(dir, "ref.log"), false)] });
    const uninterrupted = await reference.run({ question: "How large is it?", images: [photo] });
    const shape = (r: typeof resumed) => ({ answer: r.answer, stop: r.stop, steps: r.steps.map((s) => ({ kind: s.kind, thought: s.thought, calls: s.calls.map((c) => ({ name: c.name, arguments: c.arguments, text: c.observation.text })) })), toolCalls: r.counters.toolCalls, turns: r.counters.modelTurns });
    expect(shape(resumed)).toEqual(shape(uninterrupted));
  });

  it("replays tool calls that finished before an interruption instead of running them again", async () => {
    const { z } = await import("zod");
    const { defineTool, nativeDialect } = await import("interleaf");
    const storage = await openStorage("memory");
    const log: string[] = [];
    let hang = true;
    const controller = new AbortController();
    const work = defineTool({
      name: "work",
      description: "Does some work.",
      input: z.object({ job: z.string() }),
      async execute({ job }, context) {
        log.push(`start ${job}`);
        if (job === "slow" && hang) {
          await new Promise((_, reject) => context.signal.addEventListener("abort", () => reject(context.signal.reason)));
        }
        log.push(`done ${job}`);
        if (job === "quick") setTimeout(() => controller.abort(), 10);
        return { text: `${job} finished` };
      },
    });
    const turns = [
      { text: "two jobs", toolCalls: [{ id: "q", name: "work", arguments: { job: "quick" } }, { id: "s", name: "work", arguments: { job: "slow" } }] },
      { text: "all done" },
    ];
    const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(turns), dialect: nativeDialect(), tools: [work], storage });
    const interrupted = await agent.run({ question: "?" }, { threadId: "t", signal: controller.signal });
    expect(interrupted.status).toBe("interrupted");
    expect([...log].sort()).toEqual(["done quick", "start quick", "start slow"]);

    hang = false;
    const replayed: string[] = [];
    const resumed = await agent.resume("t", { onEvent: (e) => e.type === "observation" && e.replayed && replayed.push(e.callId) });
    expect(resumed.status).toBe("answered");
    expect(resumed.answer).toBe("all done");
    expect(replayed).toEqual(["q"]);
    expect(log.slice(3)).toEqual(["start slow", "done slow"]);
    expect(resumed.steps[0]?.calls.map((c) => c.observation.text)).toEqual(["quick finished", "slow finished"]);
    await storage.close();
  });
});

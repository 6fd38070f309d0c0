import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openStorage } from "interleaf";
import { diffTrajectories, formatTrajectoryDiff, openCassette, replayThread } from "interleaf/testing";
import { CASSETTE, CASSETTES, PHOTO, QUESTION, realTools, recordedAgent } from "./recorded-run.js";
import { loggedTools } from "./fixtures/logged-tools.js";
import { startTypeScriptChild, waitForFile } from "../support/child-process.js";

const child = fileURLToPath(new URL("./fixtures/replaying-child.ts", import.meta.url));

describe("a replaying run SIGKILLed mid-tool-call resumes to the recorded final state (child process, SQLite)", () => {
  it("repeats no finished tool call and ends exactly where the uninterrupted replay ends", async () => {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-killed-replay-"));
    const db = join(dir, "runs.db");
    const log = join(dir, "calls.log");
    const marker = join(dir, "inside-zoom");
    const { proc, exited } = startTypeScriptChild(child, [db, "killed", log, marker]);
    await waitForFile(marker, 30_000);
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(readFileSync(log, "utf8")).toBe("start crop\ndone crop\nstart zoom\n");

    // Resume in this process from the checkpoints the killed one left, still replaying the cassette.
    const storage = await openStorage(db);
    const cassette = await openCassette(join(CASSETTES, CASSETTE), { mode: "replay" });
    const agent = recordedAgent(cassette, { storage }).with({ tools: loggedTools(cassette.tools(realTools()), log) });
    const before = await agent.state("killed");
    expect(before?.steps).toHaveLength(1);
    expect(before?.pending?.requests[0]?.name).toBe("zoom");
    const resumed = await agent.resume("killed");
    expect(resumed.status).toBe("answered");
    cassette.assertNoMismatch();
    expect(readFileSync(log, "utf8")).toBe("start crop\ndone crop\nstart zoom\nstart zoom\ndone zoom\nstart text_search\ndone text_search\n");

    // The uninterrupted replay, for reference.
    const reference = await openCassette(join(CASSETTES, CASSETTE), { mode: "replay" });
    const uninterrupted = await recordedAgent(reference).run({ question: QUESTION, images: [PHOTO] });
    const diff = diffTrajectories(uninterrupted, resumed);
    expect(diff.same, formatTrajectoryDiff(diff)).toBe(true);
    expect(resumed.counters).toMatchObject({ toolCalls: uninterrupted.counters.toolCalls, modelTurns: uninterrupted.counters.modelTurns, inputTokens: uninterrupted.counters.inputTokens });

    // And the resumed thread replays from its own checkpoints to the same state.
    const again = await replayThread(agent, "killed");
    expect(again.same, formatTrajectoryDiff(again.diff)).toBe(true);
    await storage.close();
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createGraphAgent, defineTool, openStorage, r1v4Dialect, type ModelBackend } from "interleaf";
import { interleavedGraph } from "interleaf/graphs";
import { expectSameTrajectory, replayThread, scriptedModel, withCassette } from "interleaf/testing";
import { CASSETTE, CASSETTES, PHOTO, QUESTION, realTools, recordedAgent } from "./recorded-run.js";

/** A model that fails the test if anything calls it. */
const noModel: ModelBackend = {
  specificationVersion: "v1",
  provider: "none",
  modelId: "none",
  async generate() {
    throw new Error("replay from checkpoints must not call a model");
  },
};

describe("replay from checkpoints: re-run a finished thread from its stored history, with no backend", () => {
  it("re-runs the recorded interleaved run from SQLite checkpoints and reaches the same state", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "interleaf-replay-")), "runs.db");
    const storage = await openStorage(db);
    await withCassette(CASSETTE, async (cassette) => recordedAgent(cassette, { storage }).run({ question: QUESTION, images: [PHOTO] }, { threadId: "photo" }), { dir: CASSETTES, mode: "replay" });
    await storage.close();

    // A new process would see only the database: reopen it, with no model and tools that cannot run.
    const reopened = await openStorage(db);
    const executed: string[] = [];
    const tools = realTools().map((tool) => ({ ...tool, execute: async () => (executed.push(tool.name), { text: "must not run" }) }));
    const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: noModel, tools, storage: reopened });
    const replay = await replayThread(agent, "photo", { newThreadId: "photo-again" });
    await reopened.close();

    expect(executed).toEqual([]);
    expect(replay.result.status).toBe("answered");
    expect(replay.same).toBe(true);
    expect(replay.counters).toEqual([]);
    expect(replay.diff.firstDivergingStep).toBeNull();
    expectSameTrajectory(replay.original, replay.rerun);
    expect(replay.rerun.steps.map((s) => s.model.id)).toEqual(replay.original.steps.map((s) => s.model.id));
    expect(replay.rerun.steps[0]?.calls[0]?.observation.images[0]?.id).toBe(replay.original.steps[0]?.calls[0]?.observation.images[0]?.id);
  });

  it("detects a re-run that no longer reaches the same state (a tool schema changed since)", async () => {
    const storage = await openStorage("memory");
    const note = (defaultNote: string) =>
      defineTool({
        name: "note",
        description: "Writes a note.",
        input: z.object({ text: z.string(), tag: z.string().default(defaultNote) }),
        async execute({ text, tag }) {
          return { text: `${tag}: ${text}` };
        },
      });
    const script = ['<think>Note it.</think><tool_call>{"name": "note", "arguments": {"text": "red"}}</tool_call>', "<think>Noted.</think><answer>red</answer>"];
    const agent = createGraphAgent({ graph: interleavedGraph(), dialect: r1v4Dialect(), model: scriptedModel(script), tools: [note("v1")], storage });
    await agent.run({ question: "Colour?" }, { threadId: "t" });

    const same = await replayThread(agent.with({ model: noModel }), "t");
    expect(same.same).toBe(true);

    const changed = await replayThread(agent.with({ model: noModel, tools: [note("v2")] }), "t");
    expect(changed.same).toBe(false);
    expect(changed.diff.firstDivergingStep).toBe(0);
    expect(changed.diff.steps[0]?.actions[0]?.fields).toEqual(["arguments", "observation", "error"]);
    expect(changed.diff.steps[0]?.actions[0]?.after?.observation).toMatch(/no note call with arguments/);
    await storage.close();
  });
});

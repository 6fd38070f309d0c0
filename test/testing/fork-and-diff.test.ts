import { describe, expect, it } from "vitest";
import { openStorage } from "interleaf";
import { textOf } from "../../src/models/messages.js";
import { expectToolOrder, forkAndCompare, formatTrajectoryDiff, scriptedModel, withCassette } from "interleaf/testing";
import { CASSETTE, CASSETTES, PHOTO, QUESTION, realTools, recordedAgent } from "./recorded-run.js";

async function recordedThread() {
  const storage = await openStorage("memory");
  return withCassette(
    CASSETTE,
    async (cassette) => {
      const agent = recordedAgent(cassette, { storage });
      await agent.run({ question: QUESTION, images: [PHOTO] }, { threadId: "orig" });
      return agent;
    },
    { dir: CASSETTES, mode: "replay" },
  );
}

describe("time travel: fork a recorded thread and compare the trajectories", () => {
  it("what if the crop at step 0 had been larger? (state edit, real tools, another model)", async () => {
    const agent = await recordedThread();
    // The new model answers from what the crop observation says.
    const model = scriptedModel((request) => {
      const last = textOf(request.messages.at(-1)?.content ?? []);
      const size = /Produced a (\d+×\d+) image/.exec(last)?.[1] ?? "unknown";
      return `<think>The wider crop (${size}) shows the whole entrance.</think><answer>A red machine, seen in a ${size} crop.</answer>`;
    });
    const fork = await forkAndCompare(agent, "orig", {
      at: { beforeToolsOf: 0 },
      update: (state) => ({
        pending: state.pending && { ...state.pending, requests: state.pending.requests.map((r) => ({ ...r, arguments: { ...(r.arguments as object), bbox_2d: [1000, 1000, 1400, 1300] } })) },
      }),
      model,
      tools: realTools(),
      newThreadId: "bigger-crop",
    });

    expect(fork.same).toBe(false);
    expect(fork.diff.firstDivergingStep).toBe(0);
    const crop = fork.diff.steps[0]?.actions[0];
    expect(crop?.fields).toEqual(["arguments", "observation", "images"]);
    expect(crop?.before?.arguments).toMatchObject({ bbox_2d: [1120, 1080, 1320, 1260] });
    expect(crop?.after?.arguments).toMatchObject({ bbox_2d: [1000, 1000, 1400, 1300] });
    expect(crop?.after?.observation).toContain("Produced a 400×300 image");
    expect(fork.diff.steps.map((s) => [s.index, s.change])).toEqual([
      [0, "changed"],
      [1, "changed"],
      [2, "removed"],
      [3, "removed"],
    ]);
    expect(fork.diff.steps[1]?.fields).toContain("kind");
    expect(fork.diff.answer).toEqual({ before: expect.stringContaining("hot drink"), after: "A red machine, seen in a 400×300 crop.", changed: true });
    expect(fork.diff.actions.before.map((a) => a.split("(")[0])).toEqual(["crop", "zoom", "text_search"]);
    expect(fork.diff.actions.after.map((a) => a.split("(")[0])).toEqual(["crop"]);
    expect(formatTrajectoryDiff(fork.diff)).toContain("call 0 changed (arguments, observation, images): crop(");
    // The original thread is untouched.
    const original = await agent.state("orig");
    expect(original?.steps).toHaveLength(4);
    expectToolOrder(original ?? { steps: [] }, ["crop", "zoom", "text_search"]);
  });

  it("forks before the search with a different model and shows where it diverges", async () => {
    const agent = await recordedThread();
    const fork = await forkAndCompare(agent, "orig", { at: { beforeStep: 2 }, model: scriptedModel(["<think>Red is enough.</think><answer>red</answer>"], { turnIndex: "sequential" }) });
    expect(fork.diff.firstDivergingStep).toBe(2);
    expect(fork.diff.steps[0]?.fields).toEqual(["kind", "thought", "answer", "actions"]);
    expect(fork.diff.steps[0]?.actions[0]?.change).toBe("removed");
    expect(fork.diff.steps[1]?.change).toBe("removed");
    expect(fork.counters).toContain("toolCalls");
    expect(fork.result.answer).toBe("red");
  });
});

// Real trajectories for the data engine's tests: a real agent, real image operations on a real
// photo, scripted model turns.
import { fileURLToPath } from "node:url";
import { createGraphAgent, r1v4Dialect, type Storage } from "interleaf";
import { trajectoryRecord, type TrajectoryRecord } from "interleaf/data";
import { interleavedGraph } from "interleaf/graphs";
import { visualTools } from "interleaf/nodes";
import { scriptedModel } from "interleaf/testing";

export const photo = fileURLToPath(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url));

export const zoom = (box: number[], thought = "Zoom on the bottles.") => `<think>${thought}</think>\n<tool_call>{"name": "zoom", "arguments": {"bbox_2d": [${box.join(", ")}]}}</tool_call>`;
export const answer = (value: string, thought = "I counted them.") => `<think>${thought}</think>\n<answer>${value}</answer>`;

/** Runs one thread with the given turns on the photo and returns it as a record. */
export async function recordedRun(storage: Storage, threadId: string, turns: string[], known: Pick<TrajectoryRecord, "gold" | "benchmark" | "category"> = {}, question = "How many bottles are on the table?"): Promise<TrajectoryRecord> {
  const agent = createGraphAgent({ graph: interleavedGraph(), model: scriptedModel(turns), dialect: r1v4Dialect(), tools: visualTools(), storage });
  await agent.run({ question, images: [photo] }, { threadId });
  const state = await agent.state(threadId);
  return trajectoryRecord(threadId, state!, known);
}

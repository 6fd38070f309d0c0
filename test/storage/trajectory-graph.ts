// A small agent-shaped graph on AgentState for the storage tests: each superstep ingests a real
// photo (and a crop of it, with provenance) into storage.images and appends a TrajectoryStep
// whose observation holds the ImageRefs.
import { END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import sharp from "sharp";
import { AgentState, type ImageStore, type TrajectoryStep } from "../../src/index.js";
import { ingestImage } from "../../src/images/ingest.js";

/** Builds the graph; it stops after `stopAfter` steps (pass Infinity to run until killed). */
export function buildTrajectoryGraph(images: ImageStore, checkpointer: BaseCheckpointSaver, photos: Uint8Array[], stopAfter: number) {
  return new StateGraph(AgentState)
    .addNode("act", async (state) => {
      const index = state.steps.length;
      const photo = photos[index % photos.length] as Uint8Array;
      const original = await ingestImage(images, photo);
      const cropBytes = await sharp(photo).extract({ left: index, top: 0, width: 64, height: 48 }).png().toBuffer();
      const crop = await ingestImage(images, cropBytes, {
        provenance: { parent: original, op: { name: "crop", params: { left: index, top: 0, width: 64, height: 48 } }, toParent: [1, 0, index, 0, 1, 0] },
      });
      const step: TrajectoryStep = {
        index,
        kind: "tool_calls",
        thought: `step ${index}: look closer`,
        raw: "",
        calls: [
          {
            id: `call-${index}`,
            name: "crop",
            arguments: { box: [index, 0, index + 64, 48] },
            observation: { text: `cropped observation ${index}`, images: [original, crop] },
            startedAt: 1_700_000_000_000 + index,
            durationMs: 5,
          },
        ],
        usage: { inputTokens: 10, outputTokens: 3 },
        model: { id: "scripted", startedAt: 1_700_000_000_000 + index, durationMs: 1 },
      };
      return { steps: step, counters: { ...state.counters, toolCalls: index + 1, modelTurns: index + 1 } };
    })
    .addEdge(START, "act")
    .addConditionalEdges("act", (state) => (state.steps.length >= stopAfter ? END : "act"))
    .compile({ checkpointer });
}

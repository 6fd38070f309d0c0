// checkpoint_storage_bytes and latest_state_load_ms: a 12-step trajectory adding one ~1 MB JPEG
// per step, kept (a) the interleaf way (AgentState with a delta trajectory, ImageRefs in state,
// bytes once in the image table of the same SQLite file) and (b) the plain LangGraph way (a list
// reducer whose state holds each image as base64, LangGraph's SqliteSaver on its own file).
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Annotation, END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import sharp from "sharp";
import { AgentState, type AgentStateValue, type ImageStore, type TrajectoryStep } from "../../src/index.js";
import { ingestImage } from "../../src/images/ingest.js";
import { openStorage } from "../../src/storage/index.js";
import { measurement, median, type Bench } from "./measurement.js";

const STEPS = 12;
const LOADS = 21;
const FIXTURE = join(import.meta.dirname, "..", "fixtures", "images", "blackmug.JPG");

/**
 * Twelve distinct ~1 MB JPEGs: 3000×2000 crops of blackmug.JPG, each shifted off the 8-pixel JPEG
 * block grid (so re-encoding cannot reuse the source blocks), at quality 95, 4:4:4.
 */
export async function makeStepJpegs(count = STEPS): Promise<Uint8Array[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, k) =>
      new Uint8Array(
        await sharp(FIXTURE)
          .extract({ left: 60 * k + 3, top: 40 * k + 5, width: 3000, height: 2000 })
          .jpeg({ quality: 95, chromaSubsampling: "4:4:4" })
          .toBuffer(),
      ),
    ),
  );
}

/** The TrajectoryStep interleaf keeps for bench step `index`: the observation holds an ImageRef. */
async function interleafStep(images: ImageStore, jpeg: Uint8Array, index: number): Promise<TrajectoryStep> {
  const ref = await ingestImage(images, jpeg);
  return {
    index,
    kind: "tool_calls",
    thought: `step ${index}: zoom into the next region`,
    raw: "",
    calls: [{ id: `call-${index}`, name: "crop", arguments: { step: index }, observation: { text: `observation ${index}`, images: [ref] }, startedAt: index, durationMs: 1 }],
    usage: { inputTokens: 0, outputTokens: 0 },
    model: { id: "bench", startedAt: index, durationMs: 1 },
  };
}

/**
 * (a) The interleaf side: `StateGraph(AgentState)` whose one node, once per superstep, ingests
 * that step's JPEG into `images` and appends a TrajectoryStep holding the ImageRef, until
 * `jpegs.length` steps. Swap in the executor's own graph here to measure a real run.
 */
export function buildInterleafBenchGraph(images: ImageStore, checkpointer: BaseCheckpointSaver, jpegs: Uint8Array[]) {
  return new StateGraph(AgentState)
    .addNode("step", async (state) => ({ steps: await interleafStep(images, jpegs[state.steps.length] as Uint8Array, state.steps.length) }))
    .addEdge(START, "step")
    .addConditionalEdges("step", (state) => (state.steps.length >= jpegs.length ? END : "step"))
    .compile({ checkpointer });
}

interface BaselineStep {
  index: number;
  thought: string;
  observation: { text: string; mime: string; base64: string };
}

const BaselineState = Annotation.Root({
  question: Annotation<string>(),
  steps: Annotation<BaselineStep[]>({ reducer: (current, update) => current.concat(update), default: () => [] }),
});

/** (b) The baseline: a plain list reducer; each step's image goes into state as base64. */
function buildBaselineGraph(checkpointer: BaseCheckpointSaver, jpegs: Uint8Array[]) {
  return new StateGraph(BaselineState)
    .addNode("step", async (state) => {
      const index = state.steps.length;
      const jpeg = jpegs[index] as Uint8Array;
      const step: BaselineStep = { index, thought: `step ${index}: zoom into the next region`, observation: { text: `observation ${index}`, mime: "image/jpeg", base64: Buffer.from(jpeg).toString("base64") } };
      return { steps: [step] };
    })
    .addEdge(START, "step")
    .addConditionalEdges("step", (state) => (state.steps.length >= jpegs.length ? END : "step"))
    .compile({ checkpointer });
}

/** Database file plus WAL, in bytes. */
function sqliteBytes(path: string): number {
  return statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);
}

async function medianLoadMs(load: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < LOADS; i += 1) {
    const start = performance.now();
    await load();
    times.push(performance.now() - start);
  }
  return median(times);
}

const bench: Bench = {
  name: "checkpoint-storage",
  async run() {
    const dir = mkdtempSync(join(tmpdir(), "interleaf-bench-checkpoints-"));
    try {
      const jpegs = await makeStepJpegs();
      const uniqueImageBytes = jpegs.reduce((sum, j) => sum + j.byteLength, 0);
      const config = { configurable: { thread_id: "bench" } };
      const question = "Where is the logo on the mug?";

      // (a) interleaf
      const interleafPath = join(dir, "interleaf.db");
      const writer = await openStorage(interleafPath);
      const out = await buildInterleafBenchGraph(writer.images, writer.checkpointer, jpegs).invoke({ question }, config);
      if (out.steps.length !== STEPS) throw new Error(`interleaf run made ${out.steps.length} steps, expected ${STEPS}`);
      (writer.checkpointer as SqliteSaver).db.pragma("wal_checkpoint(TRUNCATE)");
      const interleafBytes = sqliteBytes(interleafPath);
      await writer.close();

      // (b) baseline
      const baselinePath = join(dir, "baseline.db");
      const baselineWriter = SqliteSaver.fromConnString(baselinePath);
      const baseOut = await buildBaselineGraph(baselineWriter, jpegs).invoke({ question }, config);
      if (baseOut.steps.length !== STEPS) throw new Error(`baseline run made ${baseOut.steps.length} steps, expected ${STEPS}`);
      baselineWriter.db.pragma("wal_checkpoint(TRUNCATE)");
      const baselineBytes = sqliteBytes(baselinePath);
      baselineWriter.db.close();

      // Latest state, each on a fresh connection.
      const reader = await openStorage(interleafPath);
      const interleafGraph = buildInterleafBenchGraph(reader.images, reader.checkpointer, []);
      const interleafMs = await medianLoadMs(async () => {
        const values = (await interleafGraph.getState(config)).values as AgentStateValue;
        if (values.steps.length !== STEPS) throw new Error("interleaf state lost steps");
      });
      await reader.close();
      const baselineReader = SqliteSaver.fromConnString(baselinePath);
      const baselineGraph = buildBaselineGraph(baselineReader, []);
      const baselineMs = await medianLoadMs(async () => {
        const values = (await baselineGraph.getState(config)).values as { steps: BaselineStep[] };
        if (values.steps.length !== STEPS) throw new Error("baseline state lost steps");
      });
      baselineReader.db.close();

      const mb = (n: number) => (n / 1e6).toFixed(2);
      return {
        checkpoint_storage_bytes: measurement(
          interleafBytes,
          baselineBytes,
          "bytes",
          `SQLite file + WAL after wal_checkpoint(TRUNCATE), ${STEPS} steps × one ~1 MB JPEG; unique image bytes ${uniqueImageBytes} (${mb(uniqueImageBytes)} MB), interleaf overhead ${mb(interleafBytes - uniqueImageBytes)} MB; baseline: LangGraph list reducer with base64 images + SqliteSaver; target ratio ≤ 0.125 (≥ 8× smaller)`,
        ),
        latest_state_load_ms: measurement(
          interleafMs,
          baselineMs,
          "ms",
          `median of ${LOADS} graph.getState() on a fresh connection (interleaf replays the delta trajectory from ${STEPS} ancestor checkpoints; baseline parses one checkpoint holding all base64 images); target ratio ≤ 1`,
        ),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;

// `interleaf view`: rendering a 20-step trajectory whose 10 produced images are crops of two
// 8K photos, to one self-contained HTML file. The baseline is the image work alone, in the same
// process: encoding the same images at the same sizes with sharp (the input photos at display
// size, each produced image as a thumbnail and a capped full view). The ratio is what the page
// costs on top of its pictures; the note gives the wall time against the one-second target.
import sharp from "sharp";
import type { ImageRef } from "../../src/images/image-ref.js";
import { ingestImage } from "../../src/images/ingest.js";
import { ingestToolImage } from "../../src/images/ingest-tool-image.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import type { TrajectoryStep } from "../../src/state/trajectory.js";
import { renderThreadFile } from "../../src/viewer/render-thread.js";
import { threadView } from "../../src/viewer/thread-view.js";
import { encodeViewImage } from "../../src/viewer/view-images.js";
import { median, measurement, type Bench } from "./measurement.js";

const WIDTH = 7680;
const HEIGHT = 4320;

/** A photo-like 8K JPEG: a small random raster scaled up smoothly. */
async function photo(seed: number): Promise<Buffer> {
  const small = Buffer.alloc(96 * 54 * 3);
  let x = seed;
  for (let i = 0; i < small.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    small[i] = x >> 23;
  }
  return sharp(small, { raw: { width: 96, height: 54, channels: 3 } }).resize(WIDTH, HEIGHT, { kernel: "cubic" }).jpeg({ quality: 85 }).toBuffer();
}

async function setup() {
  const store = new MemoryImageStore();
  const inputs = [await ingestImage(store, await photo(1)), await ingestImage(store, await photo(2))];
  const produced: ImageRef[] = [];
  for (let i = 0; i < 10; i++) {
    const parent = inputs[i % 2] as ImageRef;
    const [left, top, w, h] = [300 + i * 600, 200 + (i % 5) * 500, 1600, 1200];
    const bytes = await sharp((await store.get(parent.id)).bytes).extract({ left, top, width: w, height: h }).resize(1120, 840).jpeg({ quality: 90 }).toBuffer();
    produced.push(await ingestToolImage(store, bytes, { provenance: { parent, op: { name: "zoom", params: { box: [left, top, left + w, top + h] } }, toParent: [w / 1120, 0, left, 0, h / 840, top] } }));
  }
  const model = { id: "bench:model", startedAt: 0, durationMs: 900 };
  const steps: TrajectoryStep[] = Array.from({ length: 20 }, (_, index) => {
    const image = index % 2 === 0 ? produced[index / 2] : undefined;
    return {
      index,
      kind: index === 19 ? "answer" : "tool_calls",
      thought: `Step ${index}: looking at the part of the photo that may hold the detail. `.repeat(6),
      raw: "",
      calls:
        index === 19
          ? []
          : [{ id: `c${index}`, name: image ? "zoom" : "text_search", arguments: image ? { bbox_2d: [1, 2, 3, 4] } : { queries: ["q"] }, observation: { text: "Observation text. ".repeat(40), images: image ? [image] : [] }, startedAt: 0, durationMs: 120 }],
      ...(index === 19 ? { answer: "The answer." } : {}),
      usage: { inputTokens: 1200, outputTokens: 200 },
      model,
    };
  });
  const state = { question: "What is written on the sign?", images: inputs, steps, pending: null, plans: [], answer: "The answer.", stop: { reason: "answer" as const, message: "answered" }, counters: { toolCalls: 19, modelTurns: 20, malformedStreak: 0, elapsedMs: 20_000, inputTokens: 24_000, outputTokens: 4000 }, budgets: {} };
  return { store, inputs, produced, state };
}

const bench: Bench = {
  name: "viewer_render",
  async run() {
    const { store, inputs, produced, state } = await setup();
    const view = threadView("bench", state as never);
    const render = async () => {
      const started = performance.now();
      const page = await renderThreadFile(view, store);
      return { ms: performance.now() - started, bytes: page.length };
    };
    const encodeOnly = async () => {
      const started = performance.now();
      await Promise.all([
        ...inputs.map(async (ref) => encodeViewImage((await store.get(ref.id)).bytes, "full")),
        ...produced.flatMap((ref) => [store.get(ref.id).then(({ bytes }) => encodeViewImage(bytes, "thumb")), store.get(ref.id).then(({ bytes }) => encodeViewImage(bytes, "full"))]),
      ]);
      return performance.now() - started;
    };
    await render();
    await encodeOnly();
    const rendered: number[] = [];
    const encoded: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) {
      const r = await render();
      rendered.push(r.ms);
      bytes = r.bytes;
      encoded.push(await encodeOnly());
    }
    const ms = median(rendered);
    return {
      viewer_render_ms: measurement(ms, median(encoded), "ms", `20 steps, 10 produced images on two 8K photos, one ${Math.round(bytes / 1024)} KB file; baseline: encoding the same images alone; target: under 1000 ms (${Math.round(ms)} ms)`),
    };
  },
};

export default bench;

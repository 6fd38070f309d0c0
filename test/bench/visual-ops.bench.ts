// Visual operations on a 7680×4320 JPEG: interleaf (decode once into the raster cache, then crop
// and zoom from memory) against a plain sharp pipeline that decodes the JPEG for every operation,
// in the same process. Targets: crops_8k_ms ratio ≤ 0.4, first_crop_vs_decode_ms ratio ≤ 1.2.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { JPEG_OPTIONS } from "../../src/images/encode-image.js";
import { createImageEngine } from "../../src/images/image-engine.js";
import { ingestImage } from "../../src/images/ingest.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { createToolContext } from "../../src/tools/tool-context.js";
import type { AnyTool } from "../../src/tools/tool.js";
import { visualTools } from "../../nodes/visual/index.js";
import { measurement, median, type Bench, type Measurement } from "./measurement.js";

const WIDTH = 7680;
const HEIGHT = 4320;
const ZOOM_SHORT_SIDE = 448;
const ROUNDS = 3;

type Box = [number, number, number, number];

/** Ten regions spread over the frame, 160–900 px wide; even ones cropped, odd ones zoomed. */
function regions(): Array<{ op: "crop" | "zoom"; box: Box }> {
  return Array.from({ length: 10 }, (_, i) => {
    const w = 160 + ((i * 331) % 740);
    const h = Math.round(w * (0.5 + ((i * 7) % 5) / 10));
    const x = Math.round(((i * 0.37 + 0.05) % 0.9) * (WIDTH - w));
    const y = Math.round(((i * 0.61 + 0.1) % 0.9) * (HEIGHT - h));
    return { op: i % 2 === 0 ? "crop" : "zoom", box: [x, y, x + w, y + h] };
  });
}

async function make8kJpeg(): Promise<Buffer> {
  const photo = readFileSync(fileURLToPath(new URL("../fixtures/images/r1v4_demo_2.jpg", import.meta.url)));
  return sharp(photo).resize(WIDTH, HEIGHT, { fit: "cover", kernel: "lanczos3" }).jpeg({ quality: 90 }).toBuffer();
}

/** The plain pipeline: decode the JPEG for every operation, extract, (upscale), encode. */
async function plainOperation(jpeg: Buffer, op: "crop" | "zoom", box: Box): Promise<Buffer> {
  const [x1, y1, x2, y2] = box;
  const w = x2 - x1;
  const h = y2 - y1;
  let pipeline = sharp(jpeg).extract({ left: x1, top: y1, width: w, height: h });
  if (op === "zoom") {
    const scale = Math.max(1, ZOOM_SHORT_SIDE / Math.min(w, h));
    pipeline = pipeline.resize(Math.round(w * scale), Math.round(h * scale), { fit: "fill", kernel: "lanczos3" });
  }
  return pipeline.jpeg(JPEG_OPTIONS).toBuffer(); // the same encoder settings as interleaf
}

/** Runs `work` and returns the elapsed ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/**
 * Peak RSS of a fresh process that reads the JPEG and runs one side's 10 operations: the
 * process's own high-water mark (`VmHWM`), so neither side inherits the other's allocations.
 */
function peakRssInChild(jpegPath: string, side: "interleaf" | "plain"): number {
  const out = execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url)], {
    env: { ...process.env, VISUAL_BENCH_CHILD: side, VISUAL_BENCH_JPEG: jpegPath },
    encoding: "utf8",
  });
  return Number(/peak=(\d+)/.exec(out)?.[1] ?? Number.NaN);
}

async function interleafRun(jpeg: Buffer, onFirst?: (ms: number) => void): Promise<void> {
  const store = new MemoryImageStore();
  const engine = createImageEngine();
  const tools = new Map<string, AnyTool>(visualTools({ engine, zoomShortSide: ZOOM_SHORT_SIDE, only: ["crop", "zoom"] }).map((t) => [t.name, t]));
  const input = await ingestImage(store, jpeg);
  const context = createToolContext({ images: store, inputs: [input] });
  let first = true;
  for (const { op, box } of regions()) {
    const tool = tools.get(op) as AnyTool;
    const start = performance.now();
    await tool.execute(tool.input.parse({ bbox_2d: box }), context);
    if (first) onFirst?.(performance.now() - start);
    first = false;
  }
  if (engine.stats().decodes !== 1) throw new Error(`expected one decode, saw ${engine.stats().decodes}`);
}

async function plainRun(jpeg: Buffer): Promise<void> {
  for (const { op, box } of regions()) await plainOperation(jpeg, op, box);
}

const bench: Bench = {
  name: "visual-ops",
  async run(): Promise<Record<string, Measurement>> {
    const jpeg = await make8kJpeg();
    await plainRun(jpeg); // warm up sharp / libvips
    await interleafRun(jpeg);
    const mine: number[] = [];
    const plain: number[] = [];
    const firstCrops: number[] = [];
    const decodes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      plain.push((await measured(() => plainRun(jpeg))).ms);
      mine.push((await measured(() => interleafRun(jpeg, (ms) => firstCrops.push(ms)))).ms);
      decodes.push((await measured(() => sharp(jpeg).raw().toBuffer())).ms);
    }
    const dir = mkdtempSync(join(tmpdir(), "interleaf-visual-bench-"));
    let minePeak: number;
    let plainPeak: number;
    try {
      const path = join(dir, "8k.jpg");
      writeFileSync(path, jpeg);
      minePeak = peakRssInChild(path, "interleaf");
      plainPeak = peakRssInChild(path, "plain");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return {
      crops_8k_ms: measurement(median(mine), median(plain), "ms", "10 crops+zooms on a 7680×4320 JPEG vs sharp decoding per operation; target ratio ≤ 0.4"),
      first_crop_vs_decode_ms: measurement(median(firstCrops), median(decodes), "ms", "first crop (decode into cache + crop + encode + store) vs one full sharp decode; target ratio ≤ 1.2"),
      crops_8k_peak_rss_bytes: measurement(minePeak, plainPeak, "bytes", "peak RSS of a fresh process running the 10 operations (interleaf keeps the ~100 MB decoded raster cached)"),
    };
  },
};

export default bench;

const child = process.env.VISUAL_BENCH_CHILD;
if (child === "interleaf" || child === "plain") {
  const jpeg = readFileSync(process.env.VISUAL_BENCH_JPEG as string);
  await (child === "interleaf" ? interleafRun(jpeg) : plainRun(jpeg));
  // VmHWM is this process image's own high-water mark; getrusage's maxRSS would include the
  // parent's memory at fork time on Linux, which made both sides report the parent's peak.
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  process.stdout.write(`peak=${hwm ? Number(hwm) * 1024 : process.resourceUsage().maxRSS * 1024}\n`);
}

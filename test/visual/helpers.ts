import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { ingestImage } from "../../src/images/ingest.js";
import { createImageEngine, type ImageEngine, type ImageEngineOptions } from "../../src/images/image-engine.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import type { CoordinateConvention } from "../../src/images/coordinates.js";
import type { Raster } from "../../src/images/raster.js";
import { createToolContext } from "../../src/tools/tool-context.js";
import type { AnyTool, ToolOutput } from "../../src/tools/tool.js";
import { visualTools, type VisualToolOptions } from "../../nodes/visual/index.js";

/** Bytes of a fixture photo in test/fixtures/images. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../fixtures/images/${name}`, import.meta.url)));
}

/** The fixture photos with their displayed sizes. */
export const PHOTOS = [
  { name: "r1v4_demo_5.jpg", width: 576, height: 1024 },
  { name: "animate_glass.jpg", width: 1920, height: 830 },
  { name: "r1v4_demo_2.jpg", width: 2560, height: 1600 },
  { name: "nba.png", width: 1119, height: 840 },
  { name: "vending_machine.jpg", width: 2250, height: 1500 },
  { name: "blackmug.JPG", width: 4000, height: 2700 },
  { name: "desktop.webp", width: 3213, height: 3024 },
] as const;

/** A run in miniature: a store, an engine, input images and the images tools produced so far. */
export class VisualSession {
  readonly store = new MemoryImageStore();
  readonly engine: ImageEngine;
  readonly inputs: ImageRef[] = [];
  readonly produced: ImageRef[] = [];
  coordinates: CoordinateConvention = "pixels";
  pixelSpace: "image" | "sent" = "image";

  constructor(engine: ImageEngineOptions | ImageEngine = {}) {
    this.engine = "raster" in engine ? engine : createImageEngine(engine);
  }

  /** A visual tool bound to this session's engine. */
  tool(name: string, options: Omit<VisualToolOptions, "engine"> = {}): AnyTool {
    const found = visualTools({ ...options, engine: this.engine }).find((tool) => tool.name === name);
    if (!found) throw new Error(`no visual tool ${name}`);
    return found;
  }

  async addInput(bytes: Uint8Array): Promise<ImageRef> {
    const ref = await ingestImage(this.store, bytes);
    this.inputs.push(ref);
    return ref;
  }

  context() {
    return createToolContext({
      images: this.store,
      inputs: this.inputs,
      produced: this.produced,
      coordinates: this.coordinates,
      pixelSpace: this.pixelSpace,
    });
  }

  /** Runs a tool as the executor would: parse the arguments, execute, record produced images. */
  async run(tool: AnyTool, args: Record<string, unknown>): Promise<ToolOutput> {
    const output = await tool.execute(tool.input.parse(args), this.context());
    this.produced.push(...(output.images ?? []));
    return output;
  }

  /** Decoded pixels of a stored image, from its bytes (not the cache). */
  async pixels(ref: ImageRef): Promise<Raster> {
    const { bytes } = await this.store.get(ref.id);
    return this.engine.decode(bytes);
  }
}

/** sharp's own decode of a region of a file (oriented, sRGB, raw). */
export async function sharpExtract(bytes: Buffer, box: [number, number, number, number]): Promise<Buffer> {
  const [x1, y1, x2, y2] = box;
  return sharp(bytes).autoOrient().extract({ left: x1, top: y1, width: x2 - x1, height: y2 - y1 }).toColourspace("srgb").raw().toBuffer();
}

/** Mean absolute difference of two equally sized buffers. */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`sizes differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] as number) - (b[i] as number));
  return sum / a.length;
}

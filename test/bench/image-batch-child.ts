// Child of hostile-image-batch.bench.ts: stores the images of one tool output (the files named on the command
// line) the way a tool's output is stored, then prepares one model request holding them all, and prints what
// that cost this process: CPU time and peak resident memory (VmHWM).
import { readFileSync } from "node:fs";
import { resolveRequestImages } from "../../src/executor/resolve-request-images.js";
import { ingestToolImage } from "../../src/images/ingest-tool-image.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING } from "../../src/images/model-input-size.js";
import type { ModelMessage } from "../../src/models/messages.js";

const files = process.argv.slice(2);
const store = new MemoryImageStore();
const started = process.cpuUsage();
const refs = [];
for (const file of files) refs.push(await ingestToolImage(store, readFileSync(file)));
const messages: ModelMessage[] = [{ role: "user", content: refs.map((ref, i) => ({ type: "image" as const, ref, label: `observation ${i + 1}` })) }];
const { imageTokens } = await resolveRequestImages(messages, store, DEFAULT_MODEL_IMAGE_SIZING);
const cpu = process.cpuUsage(started);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
process.stdout.write(`${JSON.stringify({ images: refs.length, pixels: refs.map((r) => r.width * r.height), imageTokens, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: Number(hwm) / 1024 })}\n`);

// Child of hostile-image-batch.bench.ts: the code tool receives the images named on the command line as one
// sandbox run's output (a stand-in sandbox returns them; the tool's own handling is what is measured), stores
// what it keeps, then one model request holding every kept image is prepared. Prints what that cost this
// process: CPU time and peak resident memory (VmHWM).
import { readFileSync } from "node:fs";
import { codeTool } from "../../nodes/code/code-tool.js";
import { resolveRequestImages } from "../../src/executor/resolve-request-images.js";
import { ingestImage } from "../../src/images/ingest.js";
import { MemoryImageStore } from "../../src/images/memory-image-store.js";
import { DEFAULT_MODEL_IMAGE_SIZING } from "../../src/images/model-input-size.js";
import type { ModelMessage } from "../../src/models/messages.js";
import type { CodeSandbox, SandboxResult } from "../../src/sandbox/code-sandbox.js";
import { createToolContext } from "../../src/tools/tool-context.js";

const files = process.argv.slice(2);
const images = files.map((file, i) => ({ path: `/work/out_${i}.png`, workPath: `out_${i}.png`, printed: true, mime: "image/png", bytes: new Uint8Array(readFileSync(file)) }));
const sandbox: CodeSandbox = {
  specificationVersion: "v1",
  name: "stand-in",
  async run(): Promise<SandboxResult> {
    return { status: "ok", exitCode: 0, signal: null, stdout: "", stderr: "", stdoutBytes: 0, stderrBytes: 0, images, skippedImages: [], cropAdjustments: [], workDir: "/work", inputDir: "/mnt/inputs", durationMs: 1 };
  },
};
const store = new MemoryImageStore();
const original = await ingestImage(store, readFileSync(new URL("../fixtures/images/r1v4_demo_5.jpg", import.meta.url)));
const started = process.cpuUsage();
const tool = codeTool({ sandbox });
const output = await tool.execute(tool.input.parse({ code: "print('saved')" }), createToolContext({ images: store, inputs: [original] }));
const refs = output.images ?? [];
const messages: ModelMessage[] = [{ role: "user", content: refs.map((ref, i) => ({ type: "image" as const, ref, label: `observation ${i + 1}` })) }];
const { imageTokens } = await resolveRequestImages(messages, store, DEFAULT_MODEL_IMAGE_SIZING);
const cpu = process.cpuUsage(started);
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
process.stdout.write(`${JSON.stringify({ kept: refs.length, imageTokens, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: Number(hwm) / 1024 })}\n`);

import { databaseSpec } from "../database-spec.js";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { EXIT, UsageError } from "../cli-error.js";
import type { CliEnvironment } from "../cli-environment.js";
import type { CliIo } from "../cli-io.js";
import { describeImage, originBox } from "../format-image.js";
import { COMMON_OPTIONS, parseCommandLine } from "../parse-command-line.js";
import { readOnlyAgent } from "./history-command.js";
import { ImageGallery } from "../../images/gallery.js";
import type { ImageRef } from "../../images/image-ref.js";
import { openStorage } from "../../storage/open-storage.js";

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/gif": "gif", "image/tiff": "tif", "image/avif": "avif" };

/**
 * `interleaf trajectory <thread> [--images <dir>]`: every step with its thought, tool calls and
 * observations, and every produced image with its size and its box in original-image
 * coordinates. `--images` writes the produced images as files named by id.
 */
export async function trajectoryCommand(argv: string[], io: CliIo, env: CliEnvironment): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, { ...COMMON_OPTIONS, images: { type: "string" } });
  const [threadId] = positionals;
  if (!threadId) throw new UsageError("trajectory needs a thread id: interleaf trajectory <thread>");
  const storage = await openStorage(databaseSpec(values.db, io));
  try {
    const state = await readOnlyAgent(env, storage).state(threadId);
    if (!state) throw new UsageError(`no thread ${threadId} in ${storage.location}`);
    const produced: ImageRef[] = state.steps.flatMap((step) => step.calls.flatMap((call) => call.observation.images));
    const gallery = new ImageGallery(state.images, produced);
    const written: string[] = [];
    if (values.images) {
      const dir = resolve(io.cwd, values.images);
      await mkdir(dir, { recursive: true });
      for (const ref of produced) {
        const { bytes } = await storage.images.get(ref.id);
        const file = join(dir, `${ref.id}.${EXTENSIONS[ref.mime] ?? "bin"}`);
        await writeFile(file, bytes);
        written.push(file);
      }
    }
    if (values.json) {
      const images = gallery.entries.map((entry) => ({ label: entry.label, ...entry.ref, boxInOriginal: originBox(entry.ref) ?? null }));
      io.out(`${JSON.stringify({ threadId, question: state.question, answer: state.answer, stop: state.stop, counters: state.counters, images, steps: state.steps, written }, null, 2)}\n`);
      return EXIT.ok;
    }
    io.out(`Question: ${state.question}\n`);
    for (const entry of gallery.entries.filter((e) => !e.label.startsWith("observation"))) io.out(`Input: ${describeImage(entry.ref, entry.label)}\n`);
    for (const step of state.steps) {
      io.out(`\n[step ${step.index}] ${step.kind} · model ${step.model.durationMs} ms · tokens ${step.usage.inputTokens}+${step.usage.outputTokens}\n`);
      if (step.thought) io.out(`  think: ${step.thought.trim()}\n`);
      if (step.problem) io.out(`  malformed: ${step.problem}\n`);
      for (const call of step.calls) {
        io.out(`  call ${call.name} ${JSON.stringify(call.arguments)} (${call.durationMs} ms)\n`);
        io.out(`    ${call.observation.error ? `error ${call.observation.error.code}: ` : ""}${call.observation.text.trim().replace(/\n/g, "\n    ")}\n`);
        for (const ref of call.observation.images) io.out(`    → ${describeImage(ref, gallery.labelOf(ref.id))}\n`);
      }
      if (step.answer !== undefined) io.out(`  answer: ${step.answer}\n`);
    }
    io.out(`\n${state.stop ? `Ended: ${state.stop.reason} (${state.stop.message})` : "Not finished: interleaf resume " + threadId}\n`);
    if (written.length) io.out(`Wrote ${written.length} image(s) to ${resolve(io.cwd, values.images ?? ".")}\n`);
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}

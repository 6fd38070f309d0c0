import { fileExtensionFor } from "../../src/images/image-format.js";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Command, Option } from "@commander-js/extra-typings";
import { ImageGallery } from "../../src/images/gallery.js";
import type { ImageRef } from "../../src/images/image-ref.js";
import { threadNotFound } from "../cli-error.js";
import { withCliStorage } from "../cli-storage.js";
import type { CommandContext } from "../command-context.js";
import { EXIT } from "../exit-codes.js";
import { readOnlyAgent } from "../open-cli-agent.js";
import { dbOption, jsonOption } from "../options.js";
import { describeImage } from "../output/format-image.js";
import { terminalText } from "../output/terminal-text.js";
import { originBox } from "../../src/images/origin-box.js";
import { plural } from "../../src/util/plural.js";


/**
 * `interleaf trajectory <thread> [--images <dir>]`: every step with its thought, tool calls and
 * observations, and every produced image with its size and its box in original-image
 * coordinates. `--images` writes the produced images as files named by id.
 */
export function trajectoryCommand(context: CommandContext) {
  return new Command("trajectory")
    .description("show every step of a thread and the images it produced")
    .argument("<thread>", "the thread id")
    .addOption(new Option("--images <dir>", "also write the produced images into this folder, named by id"))
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (threadId, options) => {
      const { io } = context;
      await withCliStorage(options.db, io, async (storage) => {
        const state = await readOnlyAgent(storage).state(threadId);
        if (!state) throw threadNotFound(threadId, storage.location);
        const produced: ImageRef[] = state.steps.flatMap((step) => step.calls.flatMap((call) => call.observation.images));
        const gallery = new ImageGallery(state.images, produced);
        const written: string[] = [];
        if (options.images) {
          const dir = resolve(io.cwd, options.images);
          await mkdir(dir, { recursive: true });
          for (const ref of produced) {
            const { bytes } = await storage.images.get(ref.id);
            const file = join(dir, `${ref.id}.${fileExtensionFor(ref.mime)}`);
            await writeFile(file, bytes);
            written.push(file);
          }
        }
        if (options.json) {
          const images = gallery.entries.map((entry) => ({ label: entry.label, ...entry.ref, boxInOriginal: originBox(entry.ref) ?? null }));
          io.out(`${JSON.stringify({ threadId, question: state.question, answer: state.answer, stop: state.stop, counters: state.counters, images, steps: state.steps, written }, null, 2)}\n`);
          context.exit(EXIT.ok);
          return;
        }
        io.out(`Question: ${terminalText(state.question)}\n`);
        for (const entry of gallery.entries.filter((e) => !e.label.startsWith("observation"))) io.out(`Input: ${describeImage(entry.ref, entry.label)}\n`);
        for (const step of state.steps) {
          const server = step.executedBy === "server";
          // A server step's calls ran on the model's server (the hosted R1V4 loop): interleaf only read them from the trace.
          const header = server ? `${step.kind} · executed by the server (from the trace of a ${step.model.id} call)` : `${step.kind} · model ${step.model.durationMs} ms · tokens ${step.usage.inputTokens}+${step.usage.outputTokens}`;
          io.out(`\n[step ${step.index}] ${header}\n`);
          if (step.thought) io.out(`  think: ${terminalText(step.thought.trim())}\n`);
          if (step.problem) io.out(`  malformed: ${terminalText(step.problem)}\n`);
          for (const call of step.calls) {
            io.out(`  call ${call.name} ${terminalText(JSON.stringify(call.arguments))} (${server ? "run by the server" : `${call.durationMs} ms`})\n`);
            io.out(`    ${call.observation.error ? `error ${call.observation.error.code}: ` : ""}${terminalText(call.observation.text.trim()).replace(/\n/g, "\n    ")}\n`);
            for (const ref of call.observation.images) io.out(`    → ${describeImage(ref, gallery.labelOf(ref.id))}\n`);
          }
          if (step.answer !== undefined) io.out(`  answer: ${terminalText(step.answer)}\n`);
        }
        io.out(`\n${state.stop ? `Ended: ${state.stop.reason} (${terminalText(state.stop.message)})` : "Not finished: interleaf resume " + threadId}\n`);
        if (written.length) io.out(`Wrote ${plural(written.length, "image")} to ${resolve(io.cwd, options.images ?? ".")}\n`);
        context.exit(EXIT.ok);
      });
    });
}

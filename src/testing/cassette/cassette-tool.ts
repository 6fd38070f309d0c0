import { InterleafError } from "../../errors/index.js";
import { testingError } from "../testing-error.js";
import type { ImageRef } from "../../images/image-ref.js";
import type { AnyTool, ToolContext, ToolOutput } from "../../tools/tool.js";
import type { ToolCassetteEntry } from "./cassette-entry.js";
import type { CassetteLedger } from "./cassette-ledger.js";
import { canonicalToolCall, toolCallKey, toolCallLines } from "./tool-call-key.js";

/**
 * Wraps a tool so its calls are recorded to or replayed from a cassette: input → output (text,
 * data, image refs) or the error it threw. Images it produced are written to the cassette once
 * (by sha256) and put back into the run's image store on replay. Aborted calls are not recorded.
 */
export function cassetteTool(ledger: CassetteLedger, tool: AnyTool): AnyTool {
  return {
    name: tool.name,
    description: tool.description,
    input: tool.input,
    ...(tool.example ? { example: tool.example } : {}),
    async execute(input: unknown, context: ToolContext): Promise<ToolOutput> {
      if (ledger.mode === "off") return tool.execute(input, context);
      const call = ledger.redact(canonicalToolCall(tool.name, input, context.question, context.gallery));
      const key = toolCallKey(call);
      if (ledger.replays) {
        const hit = ledger.take(key);
        if (hit?.kind === "tool") return replay(ledger, hit, context);
        if (ledger.mode === "replay") throw ledger.mismatch({ kind: "tool", name: tool.name, key, lines: toolCallLines(call) });
      }
      const seq = ledger.reserve();
      let output: ToolOutput;
      try {
        output = await tool.execute(input, context);
      } catch (caught) {
        if (context.signal.aborted) throw caught;
        const error = InterleafError.from(caught, "tool_failed", `${tool.name} failed`);
        if (error.code === "aborted") throw caught;
        const recorded = ledger.redact({ code: error.code, message: error.message, retryable: error.retryable });
        ledger.record(seq, { kind: "tool", key, call, error: recorded });
        throw InterleafError.fromJSON(recorded, { cause: caught });
      }
      const clean = ledger.redact(JSON.parse(JSON.stringify({ text: output.text, images: output.images ?? [], ...(output.data !== undefined ? { data: output.data } : {}) }))) as ToolCassetteEntry["output"] & object;
      const images = new Map<string, { mime: string; bytes: Uint8Array }>();
      for (const ref of clean.images) {
        const stored = await context.images.get(ref.id);
        images.set(ref.id, { mime: ref.mime, bytes: stored.bytes });
      }
      ledger.record(seq, { kind: "tool", key, call, output: clean }, images);
      return toOutput(clean);
    },
  };
}

async function replay(ledger: CassetteLedger, entry: ToolCassetteEntry, context: ToolContext): Promise<ToolOutput> {
  context.signal.throwIfAborted();
  if (entry.error) throw InterleafError.fromJSON(entry.error);
  const output = entry.output ?? { text: "", images: [] };
  for (const ref of output.images) await restoreImage(ledger, ref, context);
  return toOutput(structuredClone(output));
}

async function restoreImage(ledger: CassetteLedger, ref: ImageRef, context: ToolContext): Promise<void> {
  if (await context.images.has(ref.id)) return;
  const bytes = await ledger.imageBytes(ref.id, ref.mime);
  const id = await context.images.put(bytes, ref.mime);
  if (id !== ref.id) {
    throw testingError("cassette_mismatch", `cassette "${ledger.name}": the file of image ${ref.id} holds other bytes (sha256 ${id}); record the cassette again`);
  }
}

function toOutput(output: { text: string; images: ImageRef[]; data?: unknown }): ToolOutput {
  return { text: output.text, images: output.images, ...(output.data !== undefined ? { data: output.data } : {}) };
}

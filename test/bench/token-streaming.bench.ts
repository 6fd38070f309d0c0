// Token streaming: reading a long streamed reply (server-sent events) through interleaf's reader
// (deltas assembled, passed on up to the stop sequence, API key redacted across chunk borders)
// against a minimal SSE reader that only joins the text, both in-process on the same bytes.
import { readChatCompletionStream } from "../../src/models/openai-compatible/openai-stream.js";
import { stopWatcher } from "../../src/models/stop-sequences.js";
import { redactingDeltas } from "../../src/net/redact-stream.js";
import { measurement, median, type Bench } from "./measurement.js";

const DELTAS = 8000;
const ROUNDS = 7;
const KEY = "sk-bench-0123456789abcdef0123";
const words = ["the ", "red ", "machine ", "sells ", "cola ", "at ", "the ", "station; "];
const sse = [...Array.from({ length: DELTAS }, (_, i) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: words[i % words.length] }, finish_reason: null }] })}\n\n`), "data: [DONE]\n\n"].join("");
const bytes = new TextEncoder().encode(sse);

/** The bytes as a network would deliver them: 1 KB pieces. */
function body(): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 1024));
      at += 1024;
    },
  });
}

async function interleafRead(): Promise<{ ms: number; chars: number }> {
  let chars = 0;
  const started = performance.now();
  const out = redactingDeltas([KEY], (delta) => (chars += delta.length));
  const watcher = stopWatcher(["</tool_call>"], (delta) => out.push(delta));
  await readChatCompletionStream(body(), (delta) => watcher.push(delta));
  out.flush();
  return { ms: performance.now() - started, chars };
}

async function baselineRead(): Promise<{ ms: number; chars: number }> {
  let text = "";
  const started = performance.now();
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = body().getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith("data: ") || line === "data: [DONE]") continue;
      text += (JSON.parse(line.slice(6)) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content;
    }
  }
  return { ms: performance.now() - started, chars: text.length };
}

const bench: Bench = {
  name: "token streaming",
  async run() {
    await interleafRead();
    await baselineRead();
    const ours: number[] = [];
    const base: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const a = await interleafRead();
      const b = await baselineRead();
      if (a.chars !== b.chars) throw new Error(`the readers disagree: ${a.chars} vs ${b.chars} characters`);
      ours.push(a.ms);
      base.push(b.ms);
    }
    return {
      "sse read (8000 deltas)": measurement(median(ours), median(base), "ms", "baseline: a minimal SSE reader joining the text; interleaf adds tool-call/reasoning assembly, stop watching and key redaction across chunks"),
    };
  },
};

export default bench;

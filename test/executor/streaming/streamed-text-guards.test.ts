import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { InterleafError, openAICompatibleModel } from "interleaf";
import { redactSecrets } from "../../../src/net/redact.js";
import { redactingDeltas } from "../../../src/net/redact-stream.js";
import { cutAtStop, stopWatcher } from "../../../src/models/stop-sequences.js";
import { startSseServer, text, type SseServer } from "./sse-server.js";

/** `whole` cut at the given positions. */
const split = (whole: string, cuts: number[]) => {
  const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => whole.slice(start, at[i] ?? whole.length)).filter(Boolean);
};

describe("guards on streamed text", () => {
  it("redaction of pieces joins to the redaction of the whole, however the text is split", () => {
    const secrets = ["sk-abcdef123456", "tok_99999", "abc"];
    const part = fc.constantFrom("sk-abcdef123456", "tok_99999", "abc", "sk-abc", "tok_9", "a", "b", " ", "x", "\n");
    fc.assert(
      fc.property(fc.array(part, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), (parts, cuts) => {
        const whole = parts.join("");
        const out: string[] = [];
        const stream = redactingDeltas(secrets, (d) => out.push(d));
        for (const piece of split(whole, cuts)) stream.push(piece);
        stream.flush();
        expect(out.join("")).toBe(redactSecrets(whole, secrets));
      }),
      { numRuns: 500 },
    );
  });

  it("the stop watcher passes on exactly the text up to and including the first stop, however the text is split", () => {
    const stops = ["</tool_call>", "<|end|>"];
    const part = fc.constantFrom("</tool_call>", "<|end|>", "</tool", "_call>", "<|", "end|>", "a", "<", ">", " ");
    fc.assert(
      fc.property(fc.array(part, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), (parts, cuts) => {
        const whole = parts.join("");
        const out: string[] = [];
        const watcher = stopWatcher(stops, (d) => out.push(d));
        let stopped = false;
        for (const piece of split(whole, cuts)) if ((stopped = watcher.push(piece))) break;
        const expected = cutAtStop(whole, stops);
        expect(out.join("")).toBe(expected.text);
        expect(stopped).toBe(expected.cut);
      }),
      { numRuns: 500 },
    );
  });
});

let server: SseServer | undefined;
afterEach(async () => server?.close());

describe("a streamed reply that breaks off", () => {
  it("is not retried once text was passed on (no one sees it twice); before that it is", async () => {
    server = await startSseServer((_b, i) => (i === 0 ? [{ wait: Promise.resolve() }, { raw: "data: {broken" }, { destroy: true }] : [text("again "), text("and again"), { destroy: true }]));
    const model = openAICompatibleModel({ baseURL: server.baseURL, model: "m", apiKey: "", maxRetries: 3, retryBaseDelayMs: 1, sleep: async () => undefined });
    const pieces: string[] = [];
    const error = await model.generate({ messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], onTextDelta: (d) => pieces.push(d) }).catch((e: unknown) => e);
    expect(InterleafError.isInstance(error, "model_failed")).toBe(true);
    expect((error as InterleafError).retryable).toBe(false);
    expect((error as InterleafError).message).toContain("not retried");
    // The first attempt broke before any text: retried; the second broke after "again and again": not retried.
    expect(server.bodies).toHaveLength(2);
    expect(pieces.join("")).toBe("again and again");
  });
});

// A local OpenAI-compatible chat server for the worker tests: it plays a fixed script per item
// (three `note` tool calls, then the answer), after a configurable latency, and logs every request.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Tool-call turns before the answer, per item. */
export const NOTE_TURNS = 3;

/** The question of item `i`: the server finds the item by it. */
export const questionOf = (item: number) => `item-${item}: note three things, then answer`;

/** The raw turn the script plays at `turn` of `item`. */
export function scriptedTurn(item: number, turn: number, tool: "note" | "grayscale" = "note"): string {
  const call = tool === "note" ? `{"name": "note", "arguments": {"text": "${item}-${turn}"}}` : `{"name": "grayscale", "arguments": {}}`;
  if (turn < NOTE_TURNS) return `<think>step ${turn} of item ${item}</think>\n<tool_call>${call}</tool_call>`;
  return `<think>item ${item} is done</think>\n<answer>answer-${item}</answer>`;
}

/** One request the server received. */
export interface LoggedRequest {
  item: number;
  turn: number;
  arrivedAt: number;
  /** When the answer was sent; undefined while held (latency) or when the client left. */
  answeredAt?: number;
  status: number;
}

export interface ScriptedChatServer {
  baseURL: string;
  origin: string;
  requests: LoggedRequest[];
  /** Requests being answered right now (most at once so far). */
  maxInFlight: number;
  /** Resolves with the first request that `match` accepts, when it arrives. */
  waitFor(match: (request: LoggedRequest) => boolean): Promise<LoggedRequest>;
  /** Answers the next `n` requests with 429 and `Retry-After: seconds`. */
  rateLimitNext(n: number, seconds: number): void;
  close(): Promise<void>;
}

/** `tool`: what the turns call, the test's `note` tool or R1V4's `grayscale` (on the input image). */
export async function startScriptedChatServer(latencyMs: number, tool: "note" | "grayscale" = "note"): Promise<ScriptedChatServer> {
  const requests: LoggedRequest[] = [];
  const waiters: { match: (r: LoggedRequest) => boolean; resolve: (r: LoggedRequest) => void }[] = [];
  const open = new Set<ServerResponse>();
  let inFlight = 0;
  let limited = { left: 0, seconds: 0 };
  const state = { maxInFlight: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { messages: { role: string; content: unknown }[] };
      const firstUser = JSON.stringify(body.messages.find((m) => m.role === "user")?.content ?? "");
      const item = Number(/item-(\d+)/.exec(firstUser)?.[1] ?? -1);
      const turn = body.messages.filter((m) => m.role === "assistant").length;
      const logged: LoggedRequest = { item, turn, arrivedAt: Date.now(), status: 200 };
      requests.push(logged);
      for (const waiter of waiters.filter((w) => w.match(logged))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(logged);
      }
      if (limited.left > 0) {
        limited.left--;
        logged.status = 429;
        logged.answeredAt = Date.now();
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(limited.seconds) });
        res.end(JSON.stringify({ error: { message: "slow down" } }));
        return;
      }
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      open.add(res);
      res.on("close", () => {
        if (open.delete(res)) inFlight--;
      });
      setTimeout(() => {
        if (!open.has(res)) return;
        logged.answeredAt = Date.now();
        const content = scriptedTurn(item, turn, tool);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "chatcmpl-worker-test", object: "chat.completion", created: 1_700_000_000, model: "scripted", choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } }));
      }, latencyMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    waitFor: (match) =>
      new Promise((resolve) => {
        const found = requests.find(match);
        if (found) resolve(found);
        else waiters.push({ match, resolve });
      }),
    rateLimitNext(n, seconds) {
      limited = { left: n, seconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One thing an SSE reply does: send a chunk (`data: <json>`), send a raw line, wait for a promise, or break the connection. */
export type SseStep = { chunk: unknown } | { raw: string } | { wait: Promise<unknown> } | { destroy: true };

/** A chat-completions server on 127.0.0.1 that answers `stream: true` requests as server-sent events, step by step. */
export interface SseServer {
  baseURL: string;
  /** Request bodies, parsed. */
  bodies: Record<string, unknown>[];
  close(): Promise<void>;
}

/** A delta chunk of OpenAI's streaming format. */
export const delta = (piece: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ chunk: { object: "chat.completion.chunk", choices: [{ index: 0, delta: { role: "assistant", ...piece }, finish_reason: null }], ...extra } });
export const text = (content: string): SseStep => delta({ content });

/** Starts the server; `reply` says, per request (0, 1, …), what to send. A JSON reply (not SSE) when it returns an object. */
export async function startSseServer(reply: (body: Record<string, unknown>, index: number) => SseStep[] | { json: unknown }): Promise<SseServer> {
  const bodies: Record<string, unknown>[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      open.add(res);
      res.on("close", () => open.delete(res));
      const body = JSON.parse(Buffer.concat(parts).toString("utf8")) as Record<string, unknown>;
      bodies.push(body);
      void send(res, reply(body, bodies.length - 1));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    bodies,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function send(res: ServerResponse, steps: SseStep[] | { json: unknown }): Promise<void> {
  if (!Array.isArray(steps)) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(steps.json));
    return;
  }
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  for (const step of steps) {
    if ("destroy" in step) {
      await new Promise((resolve) => setTimeout(resolve, 20)); // let what was written reach the client
      res.destroy();
      return;
    }
    if ("wait" in step) await step.wait;
    else if ("raw" in step) res.write(`${step.raw}\n\n`);
    else res.write(`data: ${JSON.stringify(step.chunk)}\n\n`);
  }
  res.write("data: [DONE]\n\n");
  res.end();
}

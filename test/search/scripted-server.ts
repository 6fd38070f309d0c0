import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a scripted route answers. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Buffer;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
  /** Wait before answering, in ms (the benchmark's injected latency). */
  delayMs?: number;
  /** Stream this many bytes of "x" without Content-Length. */
  streamBytes?: number;
}

/** A request the server received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: Received) => Reply;

/** A real HTTP server on 127.0.0.1 (port 0) whose routes answer from scripts. */
export interface ScriptedServer {
  url: string;
  port: number;
  host: string;
  received: Received[];
  /** Queues one-off replies for a path, used before the route's default handler. */
  queue(path: string, ...replies: Reply[]): void;
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

export async function startScriptedServer(host = "127.0.0.1"): Promise<ScriptedServer> {
  const queues = new Map<string, Reply[]>();
  const routes = new Map<string, Handler>();
  const received: Received[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const request: Received = { method: req.method ?? "GET", path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const reply = queues.get(path)?.shift() ?? routes.get(path)?.(request) ?? { status: 404, json: { message: "not found" } };
      open.add(res);
      res.on("close", () => open.delete(res));
      setTimeout(() => send(res, reply), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}`,
    port,
    host,
    received,
    queue: (path, ...replies) => queues.set(path, [...(queues.get(path) ?? []), ...replies]),
    route: (path, handler) => routes.set(path, handler),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.hang) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.streamBytes !== undefined) {
    res.writeHead(reply.status ?? 200, { "content-type": "text/plain", ...headers });
    let left = reply.streamBytes;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const pump = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => undefined);
    pump();
    return;
  }
  const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.body ?? "");
  if (reply.json !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  res.writeHead(reply.status ?? 200, headers);
  res.end(body);
}

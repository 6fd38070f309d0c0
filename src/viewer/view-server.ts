import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InterleafError } from "../errors/index.js";
import type { ImageStore } from "../images/image-store.js";
import { html } from "./html.js";
import { renderPage } from "./page.js";
import { renderCompareBody } from "./render-compare.js";
import { renderThreadBody } from "./render-thread.js";
import type { ThreadView } from "./thread-view.js";
import { encodeViewImage, servedImageUrls, type ViewImageSize } from "./view-images.js";

/** Options of {@link startViewServer}. */
export interface ViewServerOptions {
  /** Reads a thread's current view, or undefined for an unknown thread. Called on every page and poll. */
  loadThread(threadId: string): Promise<ThreadView | undefined>;
  images: ImageStore;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** How often an open page's thread is checked for changes. Default 500 ms. */
  pollMs?: number;
}

/** A running viewer server. */
export interface ViewServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const IMAGE_PATH = /^\/image\/([0-9a-f]{64})\/(thumb|full)$/;

/** What changes when a run moves on: the page reloads when this does. */
function versionOf(view: ThreadView | undefined): string {
  return view ? JSON.stringify([view.steps.length, view.pending, view.answer, view.stop?.reason ?? null, view.plan?.versions ?? 0]) : "missing";
}

/**
 * The viewer over HTTP on 127.0.0.1 only: `/thread/<id>` and `/compare/<a>/<b>` pages (images by
 * id from the image store, on demand), and `/events/thread/<id>`, server-sent events that tell an
 * open page to reload when its thread changes (live while a run is in progress). It serves
 * nothing else: no file of the machine is reachable, and requests naming another host (DNS
 * rebinding) are refused.
 */
export async function startViewServer(options: ViewServerOptions): Promise<ViewServer> {
  const pollMs = options.pollMs ?? 500;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": type, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer", "cache-control": "no-store", ...extra });
    res.end(body);
  };
  const page = (res: ServerResponse, status: number, title: string, body: ReturnType<typeof html>, events?: string) =>
    send(res, status, "text/html; charset=utf-8", renderPage({ title, body, served: events ? { events } : {} }));
  const notFound = (res: ServerResponse, what: string) => page(res, 404, "interleaf · not found", html`<header class="page"><h1>Not found</h1><p>${what}</p></header>`);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, "text/plain", "forbidden host\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n", { allow: "GET, HEAD" });
    const path = new URL(req.url ?? "/", `http://${host}`).pathname;
    const parts = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
    const image = IMAGE_PATH.exec(path);
    if (image) {
      const [, id, size] = image as unknown as [string, string, ViewImageSize];
      if (!(await options.images.has(id))) return send(res, 404, "text/plain", "no such image\n");
      const encoded = await encodeViewImage((await options.images.get(id)).bytes, size);
      return send(res, 200, encoded.mime, encoded.bytes, { "cache-control": "private, max-age=86400, immutable" });
    }
    if (parts[0] === "thread" && parts.length === 2) {
      const id = parts[1] as string;
      const view = await options.loadThread(id);
      if (!view) return notFound(res, `No thread ${id} in this database.`);
      return page(res, 200, `interleaf · ${view.question.slice(0, 60)}`, await renderThreadBody(view, servedImageUrls(), { live: true }), `/events/thread/${encodeURIComponent(id)}`);
    }
    if (parts[0] === "compare" && parts.length === 3) {
      const [a, b] = await Promise.all([options.loadThread(parts[1] as string), options.loadThread(parts[2] as string)]);
      if (!a || !b) return notFound(res, `No thread ${!a ? parts[1] : parts[2]} in this database.`);
      return page(res, 200, "interleaf · compare", await renderCompareBody(a, b, servedImageUrls()));
    }
    if (parts[0] === "events" && parts[1] === "thread" && parts.length === 3) return streamChanges(parts[2] as string, res);
    if (parts.length === 0) {
      return page(res, 200, "interleaf view", html`<header class="page"><h1>interleaf view</h1><p>Open <code>/thread/&lt;thread id&gt;</code> for a thread, or <code>/compare/&lt;a&gt;/&lt;b&gt;</code> to compare two.</p></header>`);
    }
    return notFound(res, `Nothing at ${path}.`);
  }

  async function streamChanges(threadId: string, res: ServerResponse): Promise<void> {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", "x-content-type-options": "nosniff" });
    res.write(": watching\n\n");
    streams.add(res);
    let last = versionOf(await options.loadThread(threadId));
    const timer = setInterval(() => {
      options.loadThread(threadId).then(
        (view) => {
          const now = versionOf(view);
          if (now !== last) res.write(`event: update\ndata: ${JSON.stringify({ steps: view?.steps.length ?? 0 })}\n\n`);
          last = now;
        },
        () => res.write(": unreadable\n\n"),
      );
    }, pollMs);
    res.on("close", () => {
      clearInterval(timer);
      streams.delete(res);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = InterleafError.isInstance(error) ? error.message : "internal error";
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", `${message}\n`);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(new InterleafError("config_invalid", `the viewer cannot listen on 127.0.0.1:${options.port ?? 0}: ${error.message}`, { cause: error })));
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
      }),
  };
}

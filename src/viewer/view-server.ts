import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InterleafError } from "../errors/index.js";
import type { ImageStore } from "../images/image-store.js";
import { html, type Html } from "./html.js";
import { renderPage } from "./page.js";
import { encodeViewImage, servedImageUrls, type ViewImageSize } from "./view-images.js";
import type { RenderedView, ViewRoute } from "./view-route.js";

/** Options of {@link startViewServer}. */
export interface ViewServerOptions {
  /** The kinds of page served, e.g. `threadRoutes(load)`; each at `/<name>/<params>`. */
  routes: readonly ViewRoute[];
  /** Where the pages' images are read, by id. */
  images: ImageStore;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** How often a live page's version is checked. Default 500 ms. */
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

/**
 * The viewer over HTTP on 127.0.0.1 only: the routes' pages, images by id from the image store
 * (on demand, at the size shown), and `/events/<route>/<params>`, server-sent events telling an
 * open live page to reload when its version changes. It serves nothing else: no file of the
 * machine is reachable, only GET and HEAD are answered, and requests naming another host (DNS
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
  const page = (res: ServerResponse, status: number, title: string, body: Html, events?: string, extra?: RenderedView["extra"]) =>
    send(res, status, "text/html; charset=utf-8", renderPage({ title, body, served: events ? { events } : {}, ...(extra ? { extra } : {}) }));
  const notFound = (res: ServerResponse, what: string) => page(res, 404, "interleaf · not found", html`<header class="page"><h1>Not found</h1><p>${what}</p></header>`);
  const routeOf = (segments: readonly string[]) => options.routes.find((r) => r.name === segments[0] && r.params === segments.length - 1);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 403, "text/plain", "forbidden host\n");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n", { allow: "GET, HEAD" });
    const path = new URL(req.url ?? "/", `http://${host}`).pathname;
    const image = IMAGE_PATH.exec(path);
    if (image) {
      const [, id, size] = image as unknown as [string, string, ViewImageSize];
      if (!(await options.images.has(id))) return send(res, 404, "text/plain", "no such image\n");
      const encoded = await encodeViewImage((await options.images.get(id)).bytes, size);
      return send(res, 200, encoded.mime, encoded.bytes, { "cache-control": "private, max-age=86400, immutable" });
    }
    const segments = path.split("/").filter(Boolean).map((p) => decodeURIComponent(p));
    if (segments[0] === "events") {
      const route = routeOf(segments.slice(1));
      return route?.version ? streamChanges(route, segments.slice(2), res) : notFound(res, `Nothing live at ${path}.`);
    }
    const route = routeOf(segments);
    if (route) {
      const params = segments.slice(1);
      const view = await route.render(params, servedImageUrls());
      if (!view) return notFound(res, `Nothing named ${params.join(" and ")} in this database.`);
      const events = route.version ? `/events/${[route.name, ...params].map(encodeURIComponent).join("/")}` : undefined;
      return page(res, 200, view.title, view.body, events, view.extra);
    }
    if (segments.length === 0) {
      const list = options.routes.map((r) => html`<li><code>/${r.name}${Array.from({ length: r.params }, () => "/<id>").join("")}</code></li>`);
      return page(res, 200, "interleaf view", html`<header class="page"><h1>interleaf view</h1><p>Pages:</p><ul>${list}</ul></header>`);
    }
    return notFound(res, `Nothing at ${path}.`);
  }

  async function streamChanges(route: ViewRoute, params: readonly string[], res: ServerResponse): Promise<void> {
    const version = route.version as NonNullable<ViewRoute["version"]>;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", "x-content-type-options": "nosniff" });
    res.write(": watching\n\n");
    streams.add(res);
    let last = await version(params);
    let checking = false;
    const timer = setInterval(() => {
      if (checking) return;
      checking = true;
      version(params)
        .then(
          (now) => {
            if (now !== last) res.write("event: update\ndata: {}\n\n");
            last = now;
          },
          () => res.write(": unreadable\n\n"),
        )
        .finally(() => (checking = false));
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

import { sharedStorage } from "./shared-storage.js";

/** Options of {@link imageRoute}. */
export interface ImageRouteOptions {
  /** The storage spec the served graph uses (default: `INTERLEAF_DB`, else `.interleaf/interleaf.db`). */
  storage?: string;
  env?: Record<string, string | undefined>;
}

const IMAGE_ID = /^[0-9a-f]{64}$/;

/**
 * A fetch handler (`Request` → `Response`) serving the images of interleaf's image store by id, the
 * last segment of the path (`GET …/images/<id>`): mount it on the server's custom app
 * (`langgraph.json` → `http.app`) so clients can fetch the images tools produced (their ids are in
 * the thread's state: `steps[].calls[].observation.images[].id`). Ids are content hashes, so responses
 * are immutable; anything that is not a stored image's id is 404.
 *
 * @example
 * ```ts
 * // app.ts, named in langgraph.json as "http": { "app": "./app.ts:app" }
 * import { Hono } from "hono";
 * import { imageRoute } from "interleaf/server";
 *
 * const images = imageRoute();
 * export const app = new Hono().get("/images/:id", (c) => images(c.req.raw));
 * ```
 */
export function imageRoute(options: ImageRouteOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== "GET" && request.method !== "HEAD") return new Response("method not allowed", { status: 405, headers: { allow: "GET, HEAD" } });
    const id = new URL(request.url).pathname.split("/").pop() ?? "";
    const store = (await sharedStorage(options.storage, options.env)).images;
    if (!IMAGE_ID.test(id) || !(await store.has(id))) return new Response("no such image", { status: 404, headers: { "content-type": "text/plain" } });
    const { bytes, mime } = await store.get(id);
    const headers = { "content-type": mime, "content-length": String(bytes.byteLength), "cache-control": "public, max-age=31536000, immutable", "x-content-type-options": "nosniff" };
    return new Response(request.method === "HEAD" ? null : bytes, { headers });
  };
}

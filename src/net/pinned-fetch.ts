import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction as SocketLookup } from "node:net";
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { InterleafError } from "../errors/index.js";

/** What {@link pinnedFetch} sends: a GET with these headers, cancelled by the signal. */
export interface PinnedRequest {
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * A GET over `node:http`/`node:https` that connects only to `addresses` (the ones the SSRF guard
 * checked), whatever the host name resolves to now: the socket's DNS lookup is answered from the
 * list, so a DNS server that answers a public address to the guard and 127.0.0.1 to the
 * connection (DNS rebinding) is never asked twice. TLS still verifies the certificate against the
 * URL's host name. Compressed bodies (gzip, deflate, br) are decompressed, so size limits count
 * the real bytes. With no addresses (a host admitted by name), the system resolver is used.
 */
export function pinnedFetch(addresses: readonly string[]): (url: string, init: PinnedRequest) => Promise<Response> {
  const lookup = addresses.length > 0 ? pinnedLookup(addresses) : undefined;
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const request = send(target, {
        method: "GET",
        headers: { ...init.headers, "accept-encoding": "gzip, deflate, br" },
        signal: init.signal,
        ...(lookup ? { lookup } : {}),
      }, (response) => {
        try {
          resolve(toResponse(response));
        } catch (error) {
          response.destroy();
          reject(error);
        }
      });
      request.on("error", reject);
      request.end();
    });
}

function pinnedLookup(addresses: readonly string[]): SocketLookup {
  const entries = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  return (_hostname, options, callback) => {
    const wanted = options.family === 4 || options.family === 6 ? entries.filter((e) => e.family === options.family) : entries;
    const usable = wanted.length > 0 ? wanted : entries;
    const first = usable[0] as { address: string; family: number };
    if (options.all) (callback as unknown as (error: null, all: typeof entries) => void)(null, usable);
    else callback(null, first.address, first.family);
  };
}

function toResponse(message: IncomingMessage): Response {
  const status = message.statusCode ?? 0;
  if (status < 200 || status > 599) {
    throw new InterleafError("fetch_failed", `the server answered with the invalid HTTP status ${status}`, { details: { status } });
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  if (status === 204 || status === 205 || status === 304) {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage ?? "", headers });
  }
  const body = Readable.toWeb(decoded(message)) as ReadableStream<Uint8Array>;
  return new Response(body, { status, statusText: message.statusMessage ?? "", headers });
}

/** The body, decompressed by its `Content-Encoding` (as `fetch` does). */
function decoded(message: IncomingMessage): Readable {
  const encoding = String(message.headers["content-encoding"] ?? "").trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? createGunzip() : encoding === "deflate" ? createInflate() : encoding === "br" ? createBrotliDecompress() : undefined;
  if (!decoder) return message;
  message.on("error", (error) => decoder.destroy(error));
  decoder.on("close", () => message.destroy());
  return message.pipe(decoder);
}

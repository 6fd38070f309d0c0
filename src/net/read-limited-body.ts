import { InterleafError } from "../errors/index.js";

/**
 * Reads a response body into memory, refusing bodies over `maxBytes` (checked against
 * `Content-Length` first, then while streaming, so a huge or endless body is cut off early).
 * Decompressed bytes are what count, so a compressed "zip bomb" is stopped too.
 *
 * @example
 * ```ts
 * import { readLimitedBody } from "./read-limited-body.js";
 *
 * const bytes = await readLimitedBody(new Response("hello"), 1024, "a test body");
 * console.log(bytes.byteLength); // 5
 * ```
 */
export async function readLimitedBody(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(what, maxBytes, declared);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(what: string, maxBytes: number, declared?: number): InterleafError {
  const size = declared === undefined ? "more than" : `${declared} bytes, over`;
  return new InterleafError("fetch_failed", `${what} is too large (${size} the limit of ${maxBytes} bytes); try a smaller page or a more specific URL`, {
    retryable: false,
    details: { maxBytes, ...(declared !== undefined ? { declaredBytes: declared } : {}) },
  });
}

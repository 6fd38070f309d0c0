import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InterleafError } from "interleaf";
import { MemoryImageStore } from "interleaf/storage";
import { decodeImage, ingestImage, readImageHeader } from "interleaf/images";

// Issue 17 item 6: a 185-byte SVG (a 9000×9000 canvas under a huge Gaussian blur) rendered for
// over 120 s at 2 GB. SVG is refused at the header, which sharp reads without rendering.
const BOMB = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="9000" height="9000"><filter id="b"><feGaussianBlur stdDeviation="999"/></filter><rect width="9000" height="9000" filter="url(#b)"/></svg>`,
);
const TINY = Buffer.from(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4" height="3"><rect width="4" height="3" fill="red"/></svg>`);

async function refusal(promise: Promise<unknown>): Promise<InterleafError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!InterleafError.isInstance(error)) throw new Error(`expected an InterleafError, got ${String(error)}`);
  return error;
}

describe("SVG is refused before anything is rendered", () => {
  it("the 185-byte blur bomb, plain or gzipped, is unsupported_format at ingest", async () => {
    expect(BOMB.byteLength).toBeLessThan(200);
    for (const bytes of [BOMB, gzipSync(BOMB)]) {
      const error = await refusal(ingestImage(new MemoryImageStore(), bytes));
      expect(error.code).toBe("unsupported_format");
      expect(error.details).toEqual({ format: "svg" });
      expect(error.message).toContain("convert it to PNG first");
    }
  });

  it("even a tiny, harmless SVG is refused by the header reader and the decoder", async () => {
    expect((await refusal(readImageHeader(TINY))).code).toBe("unsupported_format");
    expect((await refusal(decodeImage(TINY))).code).toBe("unsupported_format");
  });
});

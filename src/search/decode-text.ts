/**
 * Decodes text bytes with the charset of the `Content-Type` header, else of an HTML
 * `<meta charset>` in the first 2 KB, else UTF-8 (unknown labels fall back to UTF-8 too).
 */
export function decodeText(bytes: Uint8Array, contentTypeHeader: string | null): string {
  const fromHeader = /charset\s*=\s*"?([\w-]+)/i.exec(contentTypeHeader ?? "")?.[1];
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  for (const label of [fromHeader, fromMeta, "utf-8"]) {
    if (!label) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      continue;
    }
  }
  return new TextDecoder().decode(bytes);
}

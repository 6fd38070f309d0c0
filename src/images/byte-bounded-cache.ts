/**
 * Values by key, least recently used evicted first, bounded by the bytes their `bytes` hold. A value
 * larger than the whole budget is not kept.
 *
 * @internal
 */
export class ByteBoundedCache<V extends { bytes: Uint8Array }> {
  readonly maxBytes: number;
  readonly #entries = new Map<string, V>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  get(key: string): V | undefined {
    const found = this.#entries.get(key);
    if (found) {
      this.#entries.delete(key);
      this.#entries.set(key, found);
    }
    return found;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const size = value.bytes.byteLength;
    if (size > this.maxBytes) return;
    for (const [oldest] of this.#entries) {
      if (this.#bytes + size <= this.maxBytes) break;
      this.delete(oldest);
    }
    this.#entries.set(key, value);
    this.#bytes += size;
  }

  delete(key: string): void {
    const found = this.#entries.get(key);
    if (!found) return;
    this.#entries.delete(key);
    this.#bytes -= found.bytes.byteLength;
  }

  /** Bytes held now. */
  get bytes(): number {
    return this.#bytes;
  }
}

import type { TestingError } from "../testing-error.js";
import { stableStringify } from "../../util/stable-json.js";
import type { CassetteEntry, ModelCassetteEntry } from "./cassette-entry.js";
import { readCassetteImage, syncCassetteImages, writeCassetteEntries } from "./cassette-files.js";
import { cassetteMismatch, type UnmatchedCall } from "./cassette-mismatch.js";
import type { CassetteMode } from "./cassette-mode.js";
import type { Redactor } from "./redactor.js";

/**
 * The bookkeeping behind a cassette: the recorded calls by key, how often each was served, the
 * calls recorded in this session (ordered by when they started) and the image bytes they made.
 * The model and tool decorators share one ledger.
 */
export class CassetteLedger {
  readonly #loaded: readonly CassetteEntry[];
  readonly #byKey = new Map<string, CassetteEntry[]>();
  readonly #served = new Map<string, number>();
  readonly #session: { seq: number; entry: CassetteEntry }[] = [];
  readonly #images = new Map<string, { mime: string; bytes: Uint8Array }>();
  readonly mismatches: TestingError<"cassette_mismatch">[] = [];
  #seq = 0;

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly mode: CassetteMode,
    loaded: readonly CassetteEntry[],
    readonly redact: Redactor,
    readonly normalizeText: (text: string) => string,
  ) {
    this.#loaded = mode === "record" || mode === "off" ? [] : loaded;
    for (const entry of this.#loaded) this.#index(entry);
  }

  /** Whether recorded calls are served (`replay`, `auto`). */
  get replays(): boolean {
    return this.mode === "replay" || this.mode === "auto";
  }

  /** The recorded entry for a key: the n-th request with a key gets the n-th recording (the last one repeats). */
  take(key: string): CassetteEntry | undefined {
    const list = this.#byKey.get(key);
    if (!list || list.length === 0) return undefined;
    const n = this.#served.get(key) ?? 0;
    this.#served.set(key, n + 1);
    return list[Math.min(n, list.length - 1)];
  }

  /** A sequence number, taken when a live call starts, so the file order follows call order. */
  reserve(): number {
    return this.#seq++;
  }

  /** Keeps a live call's recording (and in `auto` mode serves it to later equal calls). */
  record(seq: number, entry: CassetteEntry, images: ReadonlyMap<string, { mime: string; bytes: Uint8Array }> = new Map()): void {
    this.#session.push({ seq, entry });
    for (const [id, image] of images) this.#images.set(id, image);
    if (this.mode === "auto") this.#index(entry);
  }

  /** Builds, remembers and returns the mismatch error of an unmatched call. */
  mismatch(call: UnmatchedCall): TestingError<"cassette_mismatch"> {
    const error = cassetteMismatch(this, call, this.#loaded);
    this.mismatches.push(error);
    return error;
  }

  /** The first recorded call of a named model backend (for its provider and model id). */
  recordedModel(name: string): ModelCassetteEntry | undefined {
    return this.#loaded.find((e): e is ModelCassetteEntry => e.kind === "model" && e.name === name);
  }

  /** The bytes of an image a recorded tool call produced. */
  async imageBytes(id: string, mime: string): Promise<Uint8Array> {
    return this.#images.get(id)?.bytes ?? readCassetteImage(this.dir, id, mime);
  }

  /** Every entry the cassette will hold once saved. */
  entries(): CassetteEntry[] {
    const fresh = [...this.#session].sort((a, b) => a.seq - b.seq).map((s) => s.entry);
    const seen = new Set<string>();
    const out: CassetteEntry[] = [];
    for (const entry of [...this.#loaded, ...fresh]) {
      const identity = stableStringify(entry);
      if (seen.has(identity)) continue;
      seen.add(identity);
      out.push(entry);
    }
    return out;
  }

  /** Recorded calls never served in this session. */
  unused(): CassetteEntry[] {
    return this.#loaded.filter((entry) => !this.#served.has(entry.key));
  }

  /** Writes the cassette (record and auto modes; nothing otherwise). */
  async save(): Promise<void> {
    if (this.mode !== "record" && this.mode !== "auto") return;
    const entries = this.entries();
    const wanted = new Map<string, { mime: string; bytes?: Uint8Array }>();
    for (const entry of entries) {
      if (entry.kind !== "tool") continue;
      for (const ref of entry.output?.images ?? []) wanted.set(ref.id, { mime: ref.mime, ...(this.#images.has(ref.id) ? { bytes: this.#images.get(ref.id)?.bytes } : {}) });
    }
    await syncCassetteImages(this.dir, wanted, this.mode === "record");
    await writeCassetteEntries(this.dir, entries);
  }

  #index(entry: CassetteEntry): void {
    const list = this.#byKey.get(entry.key) ?? [];
    list.push(entry);
    this.#byKey.set(entry.key, list);
  }
}

import { existsSync } from "node:fs";
import { join } from "node:path";
import { testingError, type TestingError } from "../testing-error.js";
import type { ModelBackend } from "../../models/model-backend.js";
import type { AnyTool } from "../../tools/tool.js";
import { ToolRegistry } from "../../tools/tool-registry.js";
import type { CassetteEntry } from "./cassette-entry.js";
import { CASSETTE_FILE, readCassetteEntries } from "./cassette-files.js";
import { CassetteLedger } from "./cassette-ledger.js";
import type { CassetteMode } from "./cassette-mode.js";
import { cassetteModel, type LiveModel } from "./cassette-model.js";
import { cassetteTool } from "./cassette-tool.js";
import { createRedactor, type RedactOptions } from "./redactor.js";

/** Options for {@link openCassette}. */
export interface CassetteOptions {
  mode: CassetteMode;
  /** Secrets to remove before anything is recorded or returned (built-in patterns always apply). */
  redact?: RedactOptions;
  /** Rewrites every prompt text before it is fingerprinted (e.g. blank out today's date). */
  normalizeText?: (text: string) => string;
  /** The name shown in errors; default the folder's last segment. */
  name?: string;
}

/**
 * A recording of every model call and tool call of one or more runs, in a folder that can be
 * committed: `cassette.jsonl` (a header line, then one call per line, in call order, keys
 * sorted) and `images/<sha256>.<ext>` (bytes of images tools produced, stored once).
 *
 * Wrap the live model with {@link Cassette.model} and the tools with {@link Cassette.tools}; the
 * mode decides whether calls go live and are recorded, or are served from the recording. Calls
 * are matched by fingerprint (see the "Testing your agent" guide): tool-call ids, timestamps,
 * key order and image bytes (images count by sha256) never matter; prompt text, tool
 * arguments, tool specs and images do. Secrets are redacted before anything is recorded, and
 * the redacted values are what the run sees, so a recorded and a replayed run are equal.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { openCassette, scriptedModel } from "interleaf/testing";
 *
 * const cassette = await openCassette("test/cassettes/hello", { mode: "auto" });
 * const agent = createGraphAgent({
 *   graph: interleavedGraph(),
 *   model: cassette.model(scriptedModel(["<think>Easy.</think><answer>42</answer>"])),
 *   dialect: r1v4Dialect(),
 * });
 * await agent.run({ question: "Six times seven?" });
 * await cassette.save();
 * ```
 */
export class Cassette {
  readonly #ledger: CassetteLedger;

  /** @internal Use {@link openCassette}. */
  constructor(ledger: CassetteLedger) {
    this.#ledger = ledger;
  }

  /** The cassette's name, as errors show it. */
  get name(): string {
    return this.#ledger.name;
  }

  /** The cassette's folder. */
  get dir(): string {
    return this.#ledger.dir;
  }

  get mode(): CassetteMode {
    return this.#ledger.mode;
  }

  /**
   * A model backend recording to / replaying from this cassette. Pass a factory to avoid
   * building the live backend (and needing its key) in replay. `name` tells several wrapped
   * backends apart (an agent's model and a summarizer's); it is part of the fingerprint.
   */
  model(live: LiveModel, options: { name?: string } = {}): ModelBackend {
    return cassetteModel(this.#ledger, live, options.name ?? "model");
  }

  /** The tools, each recording to / replaying from this cassette. */
  tools(tools: readonly AnyTool[] | ToolRegistry): AnyTool[] {
    const list = tools instanceof ToolRegistry ? tools.list() : tools;
    return list.map((tool) => cassetteTool(this.#ledger, tool));
  }

  /** One tool, recording to / replaying from this cassette. */
  tool<T extends AnyTool>(tool: T): T {
    return cassetteTool(this.#ledger, tool) as T;
  }

  /** Every `cassette_mismatch` error raised so far (also those a run turned into observations). */
  get mismatches(): readonly TestingError<"cassette_mismatch">[] {
    return this.#ledger.mismatches;
  }

  /** Throws the first mismatch, if any: runs turn tool errors into observations, so check after a run. */
  assertNoMismatch(): void {
    const first = this.#ledger.mismatches[0];
    if (first) throw first;
  }

  /** The calls the cassette holds (or will hold once saved). */
  entries(): CassetteEntry[] {
    return this.#ledger.entries();
  }

  /** Recorded calls no request has used in this session (in replay: what the run no longer does). */
  unused(): CassetteEntry[] {
    return this.#ledger.unused();
  }

  /** Writes the recording (`record`: this session's calls only; `auto`: old and new); a no-op in `replay` and `off`. */
  async save(): Promise<void> {
    await this.#ledger.save();
  }
}

/**
 * Opens the cassette in `dir`. In `replay` mode the folder must hold a recording
 * (`cassette_not_found` otherwise, saying how to record one); in `record` mode any old recording
 * is replaced when saved.
 *
 * @example
 * ```ts
 * import { openCassette } from "interleaf/testing";
 *
 * const cassette = await openCassette("test/cassettes/first-run", { mode: "record", redact: { secrets: [process.env.MY_KEY] } });
 * console.log(cassette.mode); // "record"
 * ```
 */
export async function openCassette(dir: string, options: CassetteOptions): Promise<Cassette> {
  const name = options.name ?? dir.split(/[\\/]/).filter(Boolean).at(-1) ?? dir;
  const loaded = options.mode === "replay" || options.mode === "auto" ? await readCassetteEntries(dir) : undefined;
  if (options.mode === "replay" && !loaded) {
    throw testingError(
      "cassette_not_found",
      `no cassette "${name}" at ${join(dir, CASSETTE_FILE)}${existsSync(dir) ? "" : " (the folder does not exist)"}; record it once against the real services with INTERLEAF_CASSETTE=record (or pass mode "record"), then commit the folder`,
      { details: { dir } },
    );
  }
  const redact = createRedactor(options.redact);
  return new Cassette(new CassetteLedger(name, dir, options.mode, loaded ?? [], redact, options.normalizeText ?? ((text) => text)));
}

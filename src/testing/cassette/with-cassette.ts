import { isAbsolute, join, resolve } from "node:path";
import { InterleafError } from "../../errors/index.js";
import { testingError } from "../testing-error.js";
import { openCassette, type Cassette, type CassetteOptions } from "./cassette.js";
import { cassetteModeFromEnv, type CassetteMode } from "./cassette-mode.js";

/** Options for {@link withCassette}. */
export interface WithCassetteOptions extends Omit<CassetteOptions, "mode" | "name"> {
  /** The folder holding cassettes; default `test/cassettes` under the working directory. */
  dir?: string;
  /** Overrides `INTERLEAF_CASSETTE`. */
  mode?: CassetteMode;
  /** Where the mode is read from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/**
 * Runs `fn` with the cassette `name`, in the mode `INTERLEAF_CASSETTE` chooses (`record`,
 * `replay` (the default, for CI), `auto` or `off`). After `fn` it throws the first
 * `cassette_mismatch`, even one the run turned into an observation or a failed result, so an
 * unrecorded call always fails the test; then it saves the recording (record and auto modes).
 * Nothing is saved when `fn` throws.
 *
 * @example
 * ```ts
 * import { createGraphAgent, r1v4Dialect, openAICompatibleModel } from "interleaf";
 * import { interleavedGraph } from "interleaf/graphs";
 * import { withCassette } from "interleaf/testing";
 *
 * const answer = await withCassette("what-is-on-the-sign", async (cassette) => {
 *   const agent = createGraphAgent({
 *     graph: interleavedGraph(),
 *     dialect: r1v4Dialect(),
 *     model: cassette.model(() => openAICompatibleModel({ baseURL: "https://api.example.com/v1", model: "r1v4-lite" })),
 *   });
 *   return (await agent.run({ question: "What is on the sign?", images: ["test/fixtures/sign.jpg"] })).answer;
 * });
 * ```
 */
export async function withCassette<T>(name: string, fn: (cassette: Cassette) => Promise<T>, options: WithCassetteOptions = {}): Promise<T> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(name) || name.split("/").includes("..")) {
    throw new InterleafError("invalid_argument", `cassette name ${JSON.stringify(name)} must be letters, digits, ".", "_", "-", optionally in "/"-separated folders`);
  }
  const root = options.dir ?? "test/cassettes";
  const dir = join(isAbsolute(root) ? root : resolve(root), name);
  const mode = options.mode ?? cassetteModeFromEnv(options.env ?? process.env);
  const cassette = await openCassette(dir, {
    mode,
    name,
    ...(options.redact ? { redact: options.redact } : {}),
    ...(options.normalizeText ? { normalizeText: options.normalizeText } : {}),
  });
  let result: T;
  try {
    result = await fn(cassette);
  } catch (error) {
    // A mismatch explains a failure better than what it caused downstream.
    const mismatch = cassette.mismatches[0];
    if (mismatch && mismatch !== error) throw testingError(mismatch.code, mismatch.message, { cause: error, details: mismatch.details });
    throw error;
  }
  cassette.assertNoMismatch();
  await cassette.save();
  return result;
}

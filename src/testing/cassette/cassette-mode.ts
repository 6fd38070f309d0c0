import { InterleafError } from "../../errors/index.js";

/**
 * What a cassette does with calls:
 * - `record`: every call goes to the live backend or tool and is recorded; the cassette is
 *   rewritten with this session's calls only;
 * - `replay`: every call is served from the recording; an unrecorded call fails with a
 *   `cassette_mismatch` error naming the nearest recorded call, never a live call;
 * - `auto`: recorded calls are replayed, the others go live and are added to the cassette;
 * - `off`: calls go live and nothing is read or written.
 */
export type CassetteMode = "record" | "replay" | "auto" | "off";

/** The environment variable {@link cassetteModeFromEnv} reads. */
export const CASSETTE_MODE_ENV = "INTERLEAF_CASSETTE";

const MODES: readonly CassetteMode[] = ["record", "replay", "auto", "off"];

/**
 * The cassette mode chosen by `INTERLEAF_CASSETTE` (`record`, `replay`, `auto` or `off`), or
 * `fallback` when it is unset or empty. Any other value is a `config_invalid` error, so a typo
 * never turns into live calls.
 *
 * @example
 * ```ts
 * import { cassetteModeFromEnv } from "interleaf/testing";
 *
 * console.log(cassetteModeFromEnv({ INTERLEAF_CASSETTE: "record" })); // "record"
 * console.log(cassetteModeFromEnv({})); // "replay"
 * ```
 */
export function cassetteModeFromEnv(env: Record<string, string | undefined> = process.env, fallback: CassetteMode = "replay"): CassetteMode {
  const raw = env[CASSETTE_MODE_ENV]?.trim().toLowerCase();
  if (!raw) return fallback;
  if ((MODES as readonly string[]).includes(raw)) return raw as CassetteMode;
  throw new InterleafError("config_invalid", `${CASSETTE_MODE_ENV}=${JSON.stringify(env[CASSETTE_MODE_ENV])} is not a cassette mode; use one of ${MODES.join(", ")}`);
}

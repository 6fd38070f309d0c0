/**
 * Which storage to open, one rule for the library and the `interleaf` command: the spec given,
 * else the `INTERLEAF_DB` environment variable, else `fallback`. A library agent falls back to
 * `"memory"` (no file is written into the user's project); the command falls back to the SQLite
 * file `.interleaf/interleaf.db`.
 */
export function chooseStorageSpec(given: string | undefined, fallback: string, env: Record<string, string | undefined> = process.env): string {
  return given ?? (env.INTERLEAF_DB || undefined) ?? fallback;
}

import { resolve } from "node:path";
import { DEFAULT_SQLITE_PATH } from "../storage/storage-spec.js";
import type { CliIo } from "./cli-io.js";

/**
 * The database a command uses: `--db`, else the `INTERLEAF_DB` environment variable, else
 * `.interleaf/interleaf.db`; file paths are taken relative to the working directory.
 */
export function databaseSpec(db: string | undefined, io: CliIo): string {
  const spec = db ?? io.env.INTERLEAF_DB ?? DEFAULT_SQLITE_PATH;
  return /^(postgres(ql)?:\/\/|sqlite:|memory$|:memory:$)/.test(spec) ? spec : resolve(io.cwd, spec);
}

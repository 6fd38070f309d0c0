import { resolve } from "node:path";
import { InterleafError } from "../errors/index.js";

/** The default database file, relative to the current directory. */
export const DEFAULT_SQLITE_PATH = ".interleaf/interleaf.db";

/** A parsed storage spec (see `parseStorageSpec`). */
export type StorageSpec =
  | { kind: "memory" }
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; url: URL; schema: string | undefined };

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

/**
 * Reads a storage spec: `undefined` → the SQLite file `.interleaf/interleaf.db` under `cwd`;
 * `memory` or `:memory:` → in process memory; `sqlite:<path>` (also `sqlite:///abs/path`) or a plain
 * file path → SQLite;
 * `postgres://…` or `postgresql://…` → Postgres (an optional `?schema=name` picks the schema,
 * default `public`). Anything else throws `config_invalid`.
 */
export function parseStorageSpec(spec: string | undefined, cwd: string = process.cwd()): StorageSpec {
  if (spec === undefined) return { kind: "sqlite", path: resolve(cwd, DEFAULT_SQLITE_PATH) };
  if (typeof spec !== "string") throw invalid(`the storage spec must be a string, got ${typeof spec}`);
  const text = spec.trim();
  if (text === "") throw invalid("the storage spec is empty");
  if (text.includes("\0")) throw invalid("the storage spec contains a NUL character");
  if (text === "memory" || text === ":memory:") return { kind: "memory" };
  if (text.startsWith("sqlite:")) {
    // `sqlite:runs.db`, `sqlite:/abs/runs.db` and the URL-like `sqlite:///abs/runs.db`.
    const rest = text.slice("sqlite:".length);
    const path = rest.startsWith("//") ? rest.slice(2) : rest;
    if (path === "") throw invalid("`sqlite:` needs a file path after the colon, e.g. `sqlite:./runs.db`");
    return { kind: "sqlite", path: path === ":memory:" ? path : resolve(cwd, path) };
  }
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return parsePostgres(text);
  if (scheme !== undefined) {
    throw invalid(`unsupported storage scheme \`${scheme}://\``);
  }
  return { kind: "sqlite", path: resolve(cwd, text) };
}

function parsePostgres(text: string): StorageSpec {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw invalid("the Postgres URL cannot be parsed", error);
  }
  if (url.hostname === "") throw invalid("the Postgres URL has no host");
  const schema = url.searchParams.get("schema") ?? undefined;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw invalid(`the Postgres schema \`${schema}\` is not a plain identifier (letters, digits, _; not starting with a digit; at most 63 characters)`);
  }
  return { kind: "postgres", url, schema };
}

function invalid(problem: string, cause?: unknown): InterleafError {
  return new InterleafError(
    "config_invalid",
    `${problem}. Use a SQLite file path (\`./runs.db\` or \`sqlite:./runs.db\`), \`memory\`, or a Postgres URL (\`postgres://user@host:5432/db\`).`,
    cause === undefined ? {} : { cause },
  );
}

import { homedir, tmpdir } from "node:os";
import { REDACTED } from "../../net/redact.js";
import type { LeakGuard } from "./validate-export.js";

const SECRET_NAME = /(api_?key|token|secret|password|credential)/i;

/**
 * What must never reach an export: this machine's folders (working directory, home, temporary
 * folder, and any `extraPaths`, e.g. the database's folder) and the values of environment variables
 * whose names say they hold a secret (`*_API_KEY`, `*TOKEN*`, `*SECRET*`, `*PASSWORD*`).
 *
 * @example
 * ```ts
 * import { leakGuard } from "interleaf/data";
 *
 * const guard = leakGuard({ env: { OPENAI_API_KEY: "sk-test-123456" }, cwd: "/home/me/project" });
 * console.log(guard.secrets); // ["sk-test-123456"]
 * ```
 */
export function leakGuard(options: { env?: Record<string, string | undefined>; cwd?: string; extraPaths?: readonly string[] } = {}): LeakGuard {
  const env = options.env ?? process.env;
  const secrets = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && typeof value === "string" && value.length >= 6)
    .map(([, value]) => value as string);
  const localPaths = [options.cwd ?? process.cwd(), homedir(), tmpdir(), ...(options.extraPaths ?? [])]
    .filter((path) => path.length > 1 && path !== "/")
    // Longest first, so a folder inside another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return { localPaths: [...new Set(localPaths)], secrets: [...new Set(secrets)] };
}

/** Text with the guard's secrets replaced by `[redacted]` and its local folders by `<local>`. */
export function scrubText(text: string, guard: LeakGuard): string {
  let out = text;
  for (const secret of guard.secrets) out = out.replaceAll(secret, REDACTED);
  for (const path of guard.localPaths) out = out.replaceAll(path, "<local>");
  return out;
}

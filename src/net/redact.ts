/** The text a secret is replaced with, wherever interleaf redacts one. */
export const REDACTED = "[redacted]";

/**
 * Replaces every occurrence of the given secrets in `text` with `[redacted]`: the one redaction
 * rule of interleaf, used by error messages built from remote responses (a service may echo the
 * key it was sent), by storage errors (a driver may echo the password) and by cassettes. Longer
 * secrets go first, so a secret containing another is removed whole; empty and missing values
 * are skipped, any other value is removed however short it is.
 *
 * @example
 * ```ts
 * import { redactSecrets } from "./redact.js";
 *
 * console.log(redactSecrets("bad key sk-123", ["sk-123", undefined])); // "bad key [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const exact = [...new Set(secrets)].filter((secret): secret is string => !!secret).sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of exact) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

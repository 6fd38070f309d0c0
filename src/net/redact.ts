/**
 * Replaces every occurrence of the given secrets in `text` with `[redacted]`. Error messages
 * built from remote responses pass through it, since a service may echo the key it was sent.
 *
 * @example
 * ```ts
 * import { redactSecrets } from "./redact.js";
 *
 * console.log(redactSecrets("bad key sk-123", ["sk-123"])); // "bad key [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out;
}

import { REDACTED, redactSecrets } from "../../net/redact.js";

/** What a {@link createRedactor} removes, besides its built-in patterns. */
export interface RedactOptions {
  /** Exact secret values (API keys, passwords); values shorter than 4 characters are ignored. */
  secrets?: readonly (string | undefined)[];
  /** Extra patterns; every match is replaced by `[redacted]`. Use the `g` flag. */
  patterns?: readonly RegExp[];
  /**
   * The environment whose secret-looking variables (names containing KEY, TOKEN, SECRET,
   * PASSWORD, CREDENTIAL or AUTH, whose values look like keys: 12+ printable characters, no
   * spaces, not a path) are redacted; default `process.env`.
   * Pass `{}` to redact no environment values.
   */
  env?: Record<string, string | undefined>;
}

/** Replaces secrets in any JSON-like value, returning a redacted copy. */
export type Redactor = <T>(value: T) => T;

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;
const SECRET_FIELD = /^(authorization|proxy-authorization|x-api-key|api[-_]?key|apikey|password|passwd|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token|token|cookie|set-cookie)$/i;

/** Shapes of credentials that never belong in a recording, whatever produced them. */
const BUILT_IN_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  [/\b((?:authorization|x-api-key|api[-_]?key|apikey|access[-_]?token|password)["']?\s*[:=]\s*["']?)[^"'\s,;&}]{4,}/gi, `$1${REDACTED}`],
  [/([?&](?:api[-_]?key|key|token|access_token|auth|sig|signature)=)[^&#\s"']+/gi, `$1${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\btvly-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, REDACTED],
];

/**
 * A function that removes secrets from values before they are written anywhere: exact secret
 * values, values of secret-looking environment variables, fields named like credentials
 * (`authorization`, `apiKey`, `password`, ...), bearer tokens, `?api_key=` URL parameters and
 * common key shapes (`sk-...`, `tvly-...`, `AIza...`). Strings are rewritten wherever they occur,
 * including object keys' values deep inside arrays; bytes pass unchanged.
 *
 * @example
 * ```ts
 * import { createRedactor } from "interleaf/testing";
 *
 * const redact = createRedactor({ secrets: ["hunter22"], env: {} });
 * console.log(redact({ text: "password hunter22", url: "https://x.test/?api_key=abc123" }));
 * // { text: "password [redacted]", url: "https://x.test/?api_key=[redacted]" }
 * ```
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const env = options.env ?? process.env;
  const secrets = new Set<string>();
  for (const secret of options.secrets ?? []) if (secret && secret.length >= 4) secrets.add(secret);
  for (const [name, value] of Object.entries(env)) if (value && SECRET_NAME.test(name) && looksSecret(value)) secrets.add(value);
  const patterns = options.patterns ?? [];

  const redactText = (text: string): string => {
    let out = redactSecrets(text, secrets);
    for (const [pattern, replacement] of BUILT_IN_PATTERNS) out = out.replace(pattern, replacement);
    for (const pattern of patterns) out = out.replace(pattern, REDACTED);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return redactText(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value instanceof Uint8Array || value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = SECRET_FIELD.test(key) && typeof field === "string" && field.length > 0 ? REDACTED : walk(field);
    }
    return out;
  };
  return <T>(value: T): T => walk(value) as T;
}

/** A value that may be a credential: long, one word, not a path or a URL. */
function looksSecret(value: string): boolean {
  return value.length >= 12 && /^[\x21-\x7e]+$/.test(value) && !value.startsWith("/") && !/^[a-z]+:\/\//i.test(value);
}

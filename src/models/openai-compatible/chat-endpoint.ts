import { InterleafError } from "../../errors/index.js";

/** Names of query parameters and body fields that carry credentials (`api_key`, `token`, `X-Auth`, ...). */
const CREDENTIAL_NAME = /key|token|secret|passw|auth|signature|credential/i;

/** Where chat completions are posted, how the URL may be shown, and the credentials it carries. */
export interface ChatEndpoint {
  /** `…/chat/completions`, with the base URL's query string kept after the path. */
  url: string;
  /** The URL as errors may print it: credential values in the query string replaced. */
  shown: string;
  /** Credential values found in the query string, to redact wherever they might be echoed. */
  secrets: string[];
}

/**
 * The chat-completions endpoint of an OpenAI-compatible base URL. The path is appended to the
 * URL's path, not to its end, so a query string (`…/v1?api-version=1`) stays a query string.
 * Credentials in the URL's user-info part are refused: `fetch` cannot send them, and they would be
 * printed wherever the URL is. Pass the key as `apiKey` (or `apiKeyEnv`) instead.
 */
export function chatEndpoint(baseURL: string): ChatEndpoint {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch (cause) {
    throw new InterleafError("config_invalid", "baseURL is not a URL; give the API root, e.g. http://127.0.0.1:8000/v1", { cause });
  }
  if (url.username || url.password) {
    throw new InterleafError("config_invalid", `baseURL ${url.protocol}//${url.host}${url.pathname} carries credentials before the host; pass the key as apiKey or apiKeyEnv instead`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/chat/completions`;
  const secrets: string[] = [];
  const shown = new URL(url);
  for (const [name, value] of url.searchParams) {
    if (CREDENTIAL_NAME.test(name) && value) {
      secrets.push(value);
      shown.searchParams.set(name, "[redacted]");
    }
  }
  return { url: url.toString(), shown: decodeURIComponent(shown.toString()), secrets };
}

/** String values under credential-like keys anywhere in a request body (e.g. `extraBody: { api_key }`). */
export function credentialValues(value: unknown, depth = 0): string[] {
  if (depth > 16 || value === null || typeof value !== "object") return [];
  const found: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "string" && item && CREDENTIAL_NAME.test(key)) found.push(item);
    else found.push(...credentialValues(item, depth + 1));
  }
  return found;
}

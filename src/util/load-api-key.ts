import { InterleafError } from "../errors/index.js";

/** Where {@link loadApiKey} looks for a key, and what it says when there is none. */
export interface ApiKeySource {
  /** The key given in code. Wins over the environment; `""` deliberately sends no key. */
  apiKey: string | undefined;
  /** The environment variable read when no key is given (`SERPER_API_KEY`). */
  environmentVariable: string;
  /** Who needs the key, for the message: `Serper`, `the model "m" at https://...`. */
  service: string;
  /** Where to get a key, or how to do without one, appended to the message. */
  hint?: string;
  /** The environment; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The one rule for API keys of every backend: the `apiKey` option if given, else the named
 * environment variable; neither (or an empty variable) is a `config_invalid` error naming the
 * variable. An explicit `apiKey: ""` is honoured as "send no key", for servers that need none
 * (a local vLLM) or proxies that add it themselves.
 */
export function loadApiKey(source: ApiKeySource): string {
  if (source.apiKey !== undefined) return source.apiKey;
  const fromEnv = (source.env ?? process.env)[source.environmentVariable];
  if (fromEnv) return fromEnv;
  const hint = source.hint ? ` (${source.hint})` : "";
  throw new InterleafError("config_invalid", `${source.service} needs an API key: set ${source.environmentVariable} or pass apiKey${hint}`, {
    details: { environmentVariable: source.environmentVariable },
  });
}

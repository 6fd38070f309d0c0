import { resolve } from "node:path";
import type { AgentMode } from "../graphs/agent-modes.js";
import { UsageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import type { AgentSpec } from "../graphs/agent-spec/index.js";
import { chatEndpoint, credentialValues } from "../src/models/openai-compatible/chat-endpoint.js";

/** The parsed options that choose a model, its dialect and the tool mode (`run` and `plan`). */
export interface ModelOptionValues {
  model?: string | undefined;
  baseUrl?: string | undefined;
  apiKeyEnv?: string | undefined;
  extraBody?: string | undefined;
  script?: string | undefined;
  search?: string | undefined;
  mode: AgentMode;
  dialect: string;
}

/** Builds a run configuration from the command line, with usage errors for bad values. */
export function runConfigFromOptions(values: ModelOptionValues, io: CliIo): AgentSpec {
  let extraBody: Record<string, unknown> | undefined;
  if (values.extraBody) {
    try {
      extraBody = JSON.parse(values.extraBody) as Record<string, unknown>;
    } catch {
      // The text is not echoed: it may hold a key.
      throw new UsageError("--extra-body takes a JSON object, e.g. '{\"enable_search\": true}'");
    }
  }
  refuseStoredCredentials(values.baseUrl, extraBody);
  return {
    mode: values.mode,
    dialect: values.dialect,
    ...(values.model ? { model: values.model } : {}),
    ...(values.baseUrl ? { baseUrl: values.baseUrl } : {}),
    ...(values.apiKeyEnv ? { apiKeyEnv: values.apiKeyEnv } : {}),
    ...(extraBody ? { extraBody } : {}),
    ...(values.script ? { script: resolve(io.cwd, values.script) } : {}),
    ...(values.search ? { search: values.search } : {}),
  };
}

/**
 * The run configuration is saved with the thread (so `resume` needs no flags): a key in `--base-url`
 * or `--extra-body` would be saved in the database and printed in errors. Keys come from the
 * environment (`--api-key-env`) instead.
 */
function refuseStoredCredentials(baseUrl: string | undefined, extraBody: Record<string, unknown> | undefined): void {
  const hint = "it would be saved with the thread: put the key in an environment variable and name it with --api-key-env";
  if (baseUrl) {
    let secrets: string[];
    try {
      secrets = chatEndpoint(baseUrl).secrets;
    } catch {
      throw new UsageError(`--base-url must be a URL without credentials (no user:password@); ${hint}`);
    }
    if (secrets.length > 0) throw new UsageError(`--base-url carries a credential in its query string; ${hint}`);
  }
  if (credentialValues(extraBody).length > 0) throw new UsageError(`--extra-body carries a credential (a key, token or secret field); ${hint}`);
}

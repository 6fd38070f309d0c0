import { resolve } from "node:path";
import type { AgentMode } from "../graphs/agent-modes.js";
import { UsageError } from "./cli-error.js";
import type { CliIo } from "./cli-io.js";
import type { RunConfig } from "./run-config.js";

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
export function runConfigFromOptions(values: ModelOptionValues, io: CliIo): RunConfig {
  let extraBody: Record<string, unknown> | undefined;
  if (values.extraBody) {
    try {
      extraBody = JSON.parse(values.extraBody) as Record<string, unknown>;
    } catch {
      throw new UsageError(`--extra-body takes a JSON object, got ${values.extraBody}`);
    }
  }
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

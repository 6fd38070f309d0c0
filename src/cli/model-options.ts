import { resolve } from "node:path";
import { UsageError } from "./cli-error.js";
import type { AgentMode } from "./cli-environment.js";
import type { CliIo } from "./cli-io.js";
import type { OptionSpec } from "./parse-command-line.js";
import type { RunConfig } from "./run-config.js";

/** The options that choose a model, its dialect and the tool mode, shared by `run` and `plan`. */
export const MODEL_OPTIONS = {
  model: { type: "string" },
  "base-url": { type: "string" },
  "api-key-env": { type: "string" },
  "extra-body": { type: "string" },
  script: { type: "string" },
  search: { type: "string" },
} as const satisfies Record<string, OptionSpec>;

/** Parsed values of {@link MODEL_OPTIONS} plus `--mode` and `--dialect`. */
export interface ModelOptionValues {
  model?: string | undefined;
  "base-url"?: string | undefined;
  "api-key-env"?: string | undefined;
  "extra-body"?: string | undefined;
  script?: string | undefined;
  search?: string | undefined;
  mode: string;
  dialect?: string | undefined;
}

/** Builds a run configuration from the command line, with usage errors for bad values. */
export function runConfigFromOptions(values: ModelOptionValues, io: CliIo): RunConfig {
  const mode = values.mode;
  if (mode !== "general" && mode !== "deepresearch") throw new UsageError(`--mode is general or deepresearch, got "${mode}"`);
  let extraBody: Record<string, unknown> | undefined;
  if (values["extra-body"]) {
    try {
      extraBody = JSON.parse(values["extra-body"]) as Record<string, unknown>;
    } catch {
      throw new UsageError(`--extra-body takes a JSON object, got ${values["extra-body"]}`);
    }
  }
  return {
    mode: mode as AgentMode,
    dialect: values.dialect ?? "r1v4",
    ...(values.model ? { model: values.model } : {}),
    ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}),
    ...(values["api-key-env"] ? { apiKeyEnv: values["api-key-env"] } : {}),
    ...(extraBody ? { extraBody } : {}),
    ...(values.script ? { script: resolve(io.cwd, values.script) } : {}),
    ...(values.search ? { search: values.search } : {}),
  };
}

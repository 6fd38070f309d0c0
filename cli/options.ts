import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { AGENT_MODES, type AgentMode } from "../graphs/agent-modes.js";
import { DIALECTS_BY_NAME } from "../graphs/agent-spec/index.js";

// Every option of the `interleaf` commands, declared once with its description and default;
// a command adds the ones it takes. `interleaf <command> --help` is generated from them.

/**
 * An option whose default is worked out when the command runs (commander shows only defaults
 * that are values): the help says what it is.
 */
export function computedDefault<O extends Option>(option: O, what: string): O {
  option.description = `${option.description} (default: ${what})`;
  return option;
}

/** `--db`: where checkpoints, images and the run configuration live. */
export const dbOption = () =>
  computedDefault(new Option("--db <spec>", "database: a SQLite file, `memory`, or a postgres:// URL"), "$INTERLEAF_DB, else .interleaf/interleaf.db");

/** `--json`: one JSON document on stdout instead of the human output. */
export const jsonOption = () => new Option("--json", "print one JSON document on stdout (progress is never mixed in)").default(false);

/** `--mode`: R1V4's mode, with the command's own default. */
export const modeOption = (fallback: AgentMode) => new Option("--mode <mode>", "general: visual tools; deepresearch: also search and web visits").choices(AGENT_MODES).default(fallback);

/** `--dialect`: how the model's turns are written and read. */
export const dialectOption = () => new Option("--dialect <name>", "the model's turn format").choices(Object.keys(DIALECTS_BY_NAME)).default("r1v4");

/** `--model`: an OpenAI-compatible model. */
export const modelOption = () => new Option("--model <provider:model>", "an OpenAI-compatible model (openai: and openrouter: know their URL); skywork:r1v4-lite runs the hosted Skywork-R1V4 (key in SKYWORK_API_KEY)");

/** `--base-url`: the model's endpoint. */
export const baseUrlOption = () => new Option("--base-url <url>", "the OpenAI-compatible endpoint, e.g. http://127.0.0.1:8000/v1");

/** `--api-key-env`: which environment variable holds the key (the key itself is never stored). */
export const apiKeyEnvOption = () => computedDefault(new Option("--api-key-env <name>", "environment variable holding the API key (none: send no key, for a local server)"), "INTERLEAF_API_KEY, else OPENAI_API_KEY");

/** `--extra-body`: extra JSON fields for every model request. */
export const extraBodyOption = () => new Option("--extra-body <json>", "a JSON object merged into every model request");

/** `--script`: a scripted model instead of a real one. */
export const scriptOption = () => new Option("--script <turns.json>", "a scripted model: a JSON array of raw assistant turns");

/** `--search`: the search backends of deepresearch mode. */
export const searchOption = () => computedDefault(new Option("--search <backend>", "tavily, serper, or local:<index folder>"), "the local index beside the database");

/** A positive whole number option, e.g. `--max-tool-calls <n>`. */
export const countOption = <const Flags extends `--${string} <${string}>`>(flags: Flags, description: string, fallback: number) =>
  new Option(flags, description).argParser(positiveInteger).default(fallback);

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`takes a positive whole number, got "${value}"`);
  return n;
}

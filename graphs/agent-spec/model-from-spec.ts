import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { InterleafError } from "../../src/errors/index.js";
import type { ModelBackend } from "../../src/models/model-backend.js";
import { openAICompatibleModel } from "../../src/models/openai-compatible/openai-compatible-model.js";
import { hostedR1V4Model } from "../../src/models/skywork/hosted-r1v4-model.js";
import { scriptedModel } from "../../src/testing/scripted-model.js";
import { withSamplingDefaults } from "../../src/models/sampling-defaults.js";
import type { AgentSpec } from "./agent-spec.js";

const KNOWN_BASE_URLS: Record<string, string> = {
  openai: "https://api.openai.com/v1",
  openrouter: "https://openrouter.ai/api/v1",
};

/** Where relative paths are resolved and API keys are read. */
export interface SpecEnvironment {
  /** Relative `script` paths are resolved from here (default: the process's working directory). */
  cwd?: string;
  /** Where API keys are read (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * The fetch the model backend and the search backends send their requests through (default: the
   * global fetch); workers pass one that applies rate limits shared between machines.
   */
  fetch?: typeof fetch;
}

/**
 * The model backend an {@link AgentSpec} asks for:
 * - `script`: a scripted model playing raw assistant turns from a JSON file (turn N of a thread gets
 *   entry N, so resumes and replays use the same file; with `plan`, entries are played in call order);
 * - `model: "<provider>:<model>"` with `baseUrl`: any OpenAI-compatible endpoint (vLLM, SGLang,
 *   OpenRouter, the Skywork API); `openai:` and `openrouter:` know their URL. The key is read from
 *   the variable `apiKeyEnv` names (default `INTERLEAF_API_KEY`, then `OPENAI_API_KEY`); `none` sends
 *   no key. A missing key is `config_invalid`, naming the variable.
 * - `model: "skywork:<model>"`: the hosted Skywork-R1V4 API (`skywork:r1v4-lite` is
 *   `skywork/r1v4-lite`), the key from `SKYWORK_API_KEY` unless `apiKeyEnv` names another,
 *   `enable_search` on in deepresearch mode (see {@link isHostedR1V4Spec}).
 *
 * @example
 * ```ts
 * import { modelFromSpec } from "interleaf/graphs";
 *
 * const model = await modelFromSpec(
 *   { mode: "general", dialect: "r1v4", model: "vllm:Qwen2.5-VL-7B", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" },
 * );
 * console.log(model.modelId); // "Qwen2.5-VL-7B"
 * ```
 */
export async function modelFromSpec(spec: AgentSpec, environment: SpecEnvironment = {}): Promise<ModelBackend> {
  const model = await backendOf(spec, environment);
  return spec.sampling ? withSamplingDefaults(model, spec.sampling) : model;
}

async function backendOf(spec: AgentSpec, environment: SpecEnvironment): Promise<ModelBackend> {
  const cwd = environment.cwd ?? process.cwd();
  const env = environment.env ?? process.env;
  if (spec.script) return scriptFromFile(resolve(cwd, spec.script), spec);
  if (!spec.model) throw new InterleafError("invalid_argument", "say which model to run: --model <provider>:<model> [--base-url <url>], or --script <turns.json>");
  const colon = spec.model.indexOf(":");
  const provider = colon > 0 ? spec.model.slice(0, colon) : "openai-compatible";
  const modelId = colon > 0 ? spec.model.slice(colon + 1) : spec.model;
  if (isHostedR1V4Spec(spec)) {
    const hostedId = modelId.includes("/") ? modelId : `skywork/${modelId}`;
    return hostedR1V4Model({
      model: hostedId,
      apiKey: apiKeyOf(spec, env, "SKYWORK_API_KEY"),
      ...(spec.baseUrl ? { baseURL: spec.baseUrl } : {}),
      // Skywork's planner clients send no enable_search.
      ...(/plan/i.test(hostedId) ? {} : { enableSearch: spec.mode === "deepresearch" }),
      ...(spec.extraBody ? { extraBody: spec.extraBody } : {}),
    });
  }
  const baseURL = spec.baseUrl ?? KNOWN_BASE_URLS[provider];
  if (!baseURL) throw new InterleafError("invalid_argument", `--model ${spec.model}: give --base-url for provider "${provider}" (known without it: ${Object.keys(KNOWN_BASE_URLS).join(", ")})`);
  return openAICompatibleModel({
    baseURL,
    model: modelId,
    apiKey: apiKeyOf(spec, env),
    ...(spec.extraBody ? { extraBody: spec.extraBody } : {}),
    ...(environment.fetch ? { fetch: environment.fetch } : {}),
  });
}

async function scriptFromFile(path: string, spec: AgentSpec): Promise<ModelBackend> {
  let turns: unknown;
  try {
    turns = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new InterleafError("invalid_argument", `--script ${spec.script}: cannot read a JSON array of turns (${(error as Error).message})`);
  }
  if (!Array.isArray(turns) || !turns.every((turn) => typeof turn === "string")) {
    throw new InterleafError("invalid_argument", `--script ${spec.script}: expected a JSON array of strings, one raw assistant turn each`);
  }
  // Plan-then-execute makes model calls outside the conversation (planner, placeholder filling,
  // verification): a plan script is played in call order.
  return scriptedModel(turns as string[], { modelId: spec.script, turnIndex: spec.plan ? "sequential" : "conversation" });
}

/**
 * Whether a spec runs the hosted Skywork-R1V4 (`model: "skywork:…"`): the server runs the whole
 * loop, so the agent gets the `hosted-r1v4` dialect and no local tools.
 *
 * @example
 * ```ts
 * import { isHostedR1V4Spec } from "interleaf/graphs";
 *
 * console.log(isHostedR1V4Spec({ mode: "deepresearch", dialect: "r1v4", model: "skywork:r1v4-lite" })); // true
 * ```
 */
export function isHostedR1V4Spec(spec: Pick<AgentSpec, "model" | "script">): boolean {
  return !spec.script && (spec.model?.startsWith("skywork:") ?? false);
}

/** The API key: from the variable `apiKeyEnv` names; none with `none`; a missing variable is `config_invalid`. */
function apiKeyOf(spec: AgentSpec, env: Record<string, string | undefined>, fallback?: string): string {
  if (spec.apiKeyEnv === "none") return "";
  const envName = spec.apiKeyEnv ?? fallback ?? (env.INTERLEAF_API_KEY ? "INTERLEAF_API_KEY" : "OPENAI_API_KEY");
  const key = env[envName];
  if (key) return key;
  throw new InterleafError("config_invalid", `the model needs an API key: set ${envName}, name another variable with --api-key-env, or pass --api-key-env none for a server that needs no key`, {
    details: { environmentVariable: envName },
  });
}

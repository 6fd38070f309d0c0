import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { ModelBackend } from "../src/models/model-backend.js";
import { openAICompatibleModel } from "../src/models/openai-compatible/openai-compatible-model.js";
import { scriptedModel } from "../src/testing/scripted-model.js";
import { InterleafError } from "../src/errors/index.js";
import type { CliIo } from "./cli-io.js";
import { UsageError } from "./cli-error.js";
import type { RunConfig } from "./run-config.js";

const KNOWN_BASE_URLS: Record<string, string> = {
  openai: "https://api.openai.com/v1",
  openrouter: "https://openrouter.ai/api/v1",
};

/**
 * The model backend a CLI run asks for:
 * - `--script <turns.json>`: a scripted model playing raw assistant turns (turn N of a thread
 *   gets entry N, so resumes and replays use the same file; with `--plan`, entries are played in
 *   call order);
 * - `--model <provider>:<model>` with `--base-url <url>`: any OpenAI-compatible endpoint (vLLM,
 *   SGLang, OpenRouter, the Skywork API); `openai:` and `openrouter:` know their URL. The key is
 *   read from `--api-key-env` (default `INTERLEAF_API_KEY`, then `OPENAI_API_KEY`); `--api-key-env none`
 *   sends no key (a local vLLM or SGLang server).
 */
export async function resolveModel(config: RunConfig, io: CliIo): Promise<ModelBackend> {
  if (config.script) {
    const path = resolve(io.cwd, config.script);
    let turns: unknown;
    try {
      turns = JSON.parse(await readFile(path, "utf8"));
    } catch (error) {
      throw new UsageError(`--script ${config.script}: cannot read a JSON array of turns (${(error as Error).message})`);
    }
    if (!Array.isArray(turns) || !turns.every((turn) => typeof turn === "string")) {
      throw new UsageError(`--script ${config.script}: expected a JSON array of strings, one raw assistant turn each`);
    }
    // Plan-then-execute makes model calls outside the conversation (planner, placeholder filling,
    // verification): a plan script is played in call order.
    return scriptedModel(turns as string[], { modelId: config.script, turnIndex: config.plan ? "sequential" : "conversation" });
  }
  if (!config.model) throw new UsageError("say which model to run: --model <provider>:<model> [--base-url <url>], or --script <turns.json>");
  const colon = config.model.indexOf(":");
  const provider = colon > 0 ? config.model.slice(0, colon) : "openai-compatible";
  const modelId = colon > 0 ? config.model.slice(colon + 1) : config.model;
  const baseURL = config.baseUrl ?? KNOWN_BASE_URLS[provider];
  if (!baseURL) throw new UsageError(`--model ${config.model}: give --base-url for provider "${provider}" (known without it: ${Object.keys(KNOWN_BASE_URLS).join(", ")})`);
  return openAICompatibleModel({
    baseURL,
    model: modelId,
    apiKey: apiKeyOf(config, io),
    ...(config.extraBody ? { extraBody: config.extraBody } : {}),
  });
}

/** The API key: from the variable `--api-key-env` names; none with `--api-key-env none`; a missing variable is `config_invalid`. */
function apiKeyOf(config: RunConfig, io: CliIo): string {
  if (config.apiKeyEnv === "none") return "";
  const envName = config.apiKeyEnv ?? (io.env.INTERLEAF_API_KEY ? "INTERLEAF_API_KEY" : "OPENAI_API_KEY");
  const key = io.env[envName];
  if (key) return key;
  throw new InterleafError("config_invalid", `the model needs an API key: set ${envName}, name another variable with --api-key-env, or pass --api-key-env none for a server that needs no key`, {
    details: { environmentVariable: envName },
  });
}

import { z } from "zod";
import { AGENT_MODES } from "../graphs/agent-modes.js";
import type { ResultCache } from "../src/storage/result-cache.js";

/**
 * How a thread was started from the CLI, kept beside its checkpoints so `interleaf resume
 * <thread>` continues it with the same model, dialect and tools. Never holds a secret: API keys
 * are read from the environment again on resume.
 */
export const RunConfigSchema = z.object({
  mode: z.enum(AGENT_MODES),
  dialect: z.string(),
  model: z.string().optional(),
  baseUrl: z.string().optional(),
  apiKeyEnv: z.string().optional(),
  extraBody: z.record(z.string(), z.unknown()).optional(),
  script: z.string().optional(),
  search: z.string().optional(),
  /** Plan first, then execute the plan (`interleaf run --plan`). */
  plan: z.boolean().optional(),
});
/** See {@link RunConfigSchema}. */
export type RunConfig = z.infer<typeof RunConfigSchema>;

const key = (threadId: string) => `cli/run-config/${threadId}`;

/** Saves a thread's run configuration. */
export async function saveRunConfig(cache: ResultCache, threadId: string, config: RunConfig): Promise<void> {
  await cache.set(key(threadId), RunConfigSchema.parse(config));
}

/** Loads a thread's run configuration, if the CLI started it. */
export async function loadRunConfig(cache: ResultCache, threadId: string): Promise<RunConfig | undefined> {
  const found = await cache.get(key(threadId));
  return found === undefined ? undefined : RunConfigSchema.parse(found);
}

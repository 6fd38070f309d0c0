import { z } from "zod";
import { AGENT_MODES } from "../agent-modes.js";
import type { ResultCache } from "../../src/storage/result-cache.js";

/**
 * A serialisable description of an agent: which graph (interleaved or plan-then-execute), which
 * model backend, which dialect and which tools. The CLI saves one beside every thread it starts, so
 * `interleaf resume <thread>` continues it with the same agent; servers and workers build their
 * agents from one. Never holds a secret: API keys are read from the environment variable it names.
 *
 * @example
 * ```ts
 * import { AgentSpecSchema } from "interleaf/graphs";
 *
 * const spec = AgentSpecSchema.parse({ mode: "general", dialect: "r1v4", model: "vllm:Qwen2.5-VL-7B", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" });
 * console.log(spec.dialect); // "r1v4"
 * ```
 */
export const AgentSpecSchema = z.object({
  /** R1V4's mode: `general` (visual tools) or `deepresearch` (also search and web visits). */
  mode: z.enum(AGENT_MODES),
  /** A dialect name (see `DIALECTS_BY_NAME`). */
  dialect: z.string(),
  /** `<provider>:<model>`; `openai:` and `openrouter:` know their base URL. */
  model: z.string().optional(),
  /** The OpenAI-compatible base URL (`http://127.0.0.1:8000/v1`). */
  baseUrl: z.string().optional(),
  /** The environment variable holding the API key; `none` sends no key. */
  apiKeyEnv: z.string().optional(),
  /** Extra fields sent in every chat request body (e.g. `{ "enable_search": true }`). */
  extraBody: z.record(z.string(), z.unknown()).optional(),
  /** A JSON file of raw assistant turns played by a scripted model instead of a real one. */
  script: z.string().optional(),
  /** `tavily`, `serper` or `local:<index folder>` (deepresearch mode). */
  search: z.string().optional(),
  /**
   * Sampling defaults for every model request that does not set its own: what an eval run records
   * (`temperature`, `maxTokens`) travels with its jobs to the workers this way.
   */
  sampling: z.object({ temperature: z.number().min(0).optional(), maxTokens: z.number().int().positive().optional() }).optional(),
  /** Plan first, then execute the plan. */
  plan: z.boolean().optional(),
  /** Tools whose calls wait for a person's approval (human in the loop; see `approvalToolsNode`). */
  approve: z.array(z.string()).optional(),
});

/** See {@link AgentSpecSchema}. */
export type AgentSpec = z.infer<typeof AgentSpecSchema>;

// The key predates the name "agent spec": databases written by earlier versions keep working.
const key = (threadId: string) => `cli/run-config/${threadId}`;

/**
 * Saves the spec a thread was started with, beside its checkpoints.
 *
 * @example
 * ```ts
 * import { openStorage } from "interleaf/storage";
 * import { loadAgentSpec, saveAgentSpec } from "interleaf/graphs";
 *
 * const storage = await openStorage("memory");
 * await saveAgentSpec(storage.cache, "thread-1", { mode: "general", dialect: "r1v4", script: "turns.json" });
 * console.log((await loadAgentSpec(storage.cache, "thread-1"))?.dialect); // "r1v4"
 * ```
 */
export async function saveAgentSpec(cache: ResultCache, threadId: string, spec: AgentSpec): Promise<void> {
  await cache.set(key(threadId), AgentSpecSchema.parse(spec));
}

/** Loads the spec a thread was started with, if one was saved (see {@link saveAgentSpec}). */
export async function loadAgentSpec(cache: ResultCache, threadId: string): Promise<AgentSpec | undefined> {
  const found = await cache.get(key(threadId));
  return found === undefined ? undefined : AgentSpecSchema.parse(found);
}

import { z } from "zod";
import { InterleafError } from "../../src/errors/index.js";
import type { AllowList } from "../../src/net/allow-list.js";
import { BudgetsSchema, type Budgets } from "../../src/state/budgets.js";
import { AGENT_MODES } from "../agent-modes.js";
import type { AgentSpec } from "../agent-spec/agent-spec.js";
import type { SpecEnvironment } from "../agent-spec/model-from-spec.js";

/**
 * The configuration a client of a LangGraph server may send for an interleaf graph, in the
 * assistant's `context` (or `config.configurable`): plain JSON, so it travels over HTTP. Which
 * model (`"<provider>:<model>"`, or `"<provider>:<model>@<baseURL>"`), dialect, R1V4 mode, plan
 * mode, extra request fields and budgets. Keys, scripts, search backends and storage are the
 * operator's choice ({@link ServerGraphOptions}), never a client's.
 *
 * @example
 * ```ts
 * import { ServerConfigSchema } from "interleaf/server";
 *
 * const config = ServerConfigSchema.parse({ model: "openai-compatible:Skywork-R1V4@http://127.0.0.1:8000/v1", dialect: "r1v4" });
 * console.log(config.dialect); // "r1v4"
 * ```
 */
export const ServerConfigSchema = z.object({
  model: z.string().optional(),
  baseUrl: z.string().optional(),
  dialect: z.string().optional(),
  mode: z.enum(AGENT_MODES).optional(),
  plan: z.boolean().optional(),
  extraBody: z.record(z.string(), z.unknown()).optional(),
  budgets: BudgetsSchema.partial().optional(),
});

/** See {@link ServerConfigSchema}. */
export type ServerConfig = z.infer<typeof ServerConfigSchema>;

/** The operator's side of a served interleaf graph (see {@link serverGraph}). */
export interface ServerGraphOptions extends SpecEnvironment {
  /** The agent served when a client configures nothing; also the only source of `apiKeyEnv`, `script` and `search`. */
  spec?: Partial<AgentSpec>;
  /** Where threads, images and the result cache live: a storage spec (default: `INTERLEAF_DB`, else `.interleaf/interleaf.db`). */
  storage?: string;
  /** Base URLs a client may point the model at, besides `spec.baseUrl`. The API key is sent to these only. */
  baseUrls?: readonly string[];
  /** A folder whose image files inputs may name by path; without it, paths in inputs are refused. */
  imageRoot?: string;
  /** Hosts (or networks) image URLs may name although they are not public (see `AllowList`). */
  allow?: AllowList;
  /** Default budgets of every run (a client's `budgets` override them). */
  budgets?: Partial<Budgets>;
  /** The local search index used in deepresearch mode when `spec.search` is not set. */
  indexDir?: string;
}

/**
 * The agent spec of one run: the operator's spec with the client's choices applied. A base URL
 * the operator did not list is refused (it would receive the operator's API key, and it makes the
 * server call an address of the client's choosing).
 *
 * @internal
 */
export function resolveServerSpec(options: ServerGraphOptions, sources: readonly unknown[]): { spec: AgentSpec; budgets: Partial<Budgets> } {
  let client: ServerConfig = {};
  for (const source of sources) {
    if (!source || typeof source !== "object") continue;
    const parsed = ServerConfigSchema.safeParse(pickKnown(source as Record<string, unknown>));
    if (!parsed.success) {
      throw new InterleafError("config_invalid", `the interleaf configuration of this run is invalid: ${z.prettifyError(parsed.error)}`);
    }
    client = { ...client, ...parsed.data };
  }
  const { budgets, ...choices } = client;
  const at = choices.model?.search(/@https?:\/\//) ?? -1;
  if (choices.model && at > 0) {
    choices.baseUrl = choices.model.slice(at + 1);
    choices.model = choices.model.slice(0, at);
  }
  if (choices.baseUrl !== undefined && choices.baseUrl !== options.spec?.baseUrl && !(options.baseUrls ?? []).includes(choices.baseUrl)) {
    throw new InterleafError(
      "config_invalid",
      `the model base URL ${JSON.stringify(choices.baseUrl)} is not one this server allows; the operator lists the allowed ones in serverGraph({ baseUrls })`,
    );
  }
  const spec: AgentSpec = { mode: "general", dialect: "r1v4", ...options.spec, ...choices };
  // A client choosing another model or URL does not choose the script the operator's spec plays.
  if (choices.model !== undefined && options.spec?.script !== undefined) delete spec.script;
  return { spec, budgets: { ...options.budgets, ...budgets } };
}

function pickKnown(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(ServerConfigSchema.shape)) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

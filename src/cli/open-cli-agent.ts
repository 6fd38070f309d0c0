import { Agent } from "../executor/agent.js";
import type { Storage } from "../storage/storage.js";
import type { Budgets } from "../state/budgets.js";
import type { CliEnvironment } from "./cli-environment.js";
import type { CliIo } from "./cli-io.js";
import { resolveDialect } from "./resolve-dialect.js";
import { resolveModel } from "./resolve-model.js";
import type { RunConfig } from "./run-config.js";

/** Builds the agent a CLI run or resume uses, from its saved configuration. */
export async function openCliAgent(config: RunConfig, storage: Storage, env: CliEnvironment, io: CliIo, budgets: Partial<Budgets> = {}): Promise<Agent> {
  const model = await resolveModel(config, io);
  const tools = await env.tools({ mode: config.mode, search: config.search, storage, summarizer: model, io });
  return new Agent({ graph: env.graph(config.mode, { plan: config.plan === true }), model, dialect: resolveDialect(config.dialect), tools, storage, budgets });
}

import { Agent } from "../src/executor/agent.js";
import type { Budgets } from "../src/state/budgets.js";
import type { Storage } from "../src/storage/storage.js";
import { scriptedModel } from "../src/testing/scripted-model.js";
import { resolveDialect } from "./resolve-dialect.js";
import { resolveModel } from "./resolve-model.js";
import type { CliIo } from "./cli-io.js";
import type { RunConfig } from "./run-config.js";
import { runGraph, runTools } from "./run-tools.js";

/** Builds the agent a CLI run or resume uses, from its saved configuration. */
export async function openCliAgent(config: RunConfig, storage: Storage, indexDir: string, io: CliIo, budgets: Partial<Budgets> = {}): Promise<Agent> {
  const model = await resolveModel(config, io);
  const tools = await runTools({ mode: config.mode, search: config.search, indexDir, summarizer: model });
  return new Agent({ graph: runGraph(config.plan === true), model, dialect: resolveDialect(config.dialect), tools, storage, budgets });
}

/** An agent for reading threads (`history`, `trajectory`): it never calls a model or a tool. */
export function readOnlyAgent(storage: Storage): Agent {
  return new Agent({ graph: runGraph(false), model: scriptedModel([]), dialect: resolveDialect("r1v4"), storage });
}

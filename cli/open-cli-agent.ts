import { Agent } from "../src/executor/agent.js";
import type { Budgets } from "../src/state/budgets.js";
import type { Storage } from "../src/storage/storage.js";
import { scriptedModel } from "../src/testing/scripted-model.js";
import { agentFromSpec, dialectByName, graphFromSpec, type AgentSpec } from "../graphs/agent-spec/index.js";
import type { CliIo } from "./cli-io.js";

/** Builds the agent a CLI run or resume uses, from its saved spec. */
export function openCliAgent(spec: AgentSpec, storage: Storage, indexDir: string, io: CliIo, budgets: Partial<Budgets> = {}): Promise<Agent> {
  return agentFromSpec(spec, { storage, indexDir, cwd: io.cwd, env: io.env, budgets });
}

/** An agent for reading threads (`history`, `trajectory`): it never calls a model or a tool. */
export function readOnlyAgent(storage: Storage): Agent {
  return new Agent({ graph: graphFromSpec({}), model: scriptedModel([]), dialect: dialectByName("r1v4"), storage });
}

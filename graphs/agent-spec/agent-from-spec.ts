import { existsSync } from "node:fs";
import { Agent } from "../../src/executor/agent.js";
import type { AgentGraph } from "../../src/executor/agent-graph.js";
import { InterleafError } from "../../src/errors/index.js";
import type { ModelBackend } from "../../src/models/model-backend.js";
import { searchSetupFromSpec } from "../../src/search/index.js";
import type { Budgets } from "../../src/state/budgets.js";
import type { Storage } from "../../src/storage/storage.js";
import type { AnyTool } from "../../src/tools/tool.js";
import { defaultTools } from "../default-tools.js";
import { interleavedGraph } from "../interleaved/interleaved-graph.js";
import { approvalToolsNode } from "../../nodes/approval/approval-tools-node.js";
import { planAndExecuteGraph } from "../plan-and-execute/index.js";
import type { AgentSpec } from "./agent-spec.js";
import { dialectByName } from "./dialect-by-name.js";
import { isHostedR1V4Spec, modelFromSpec, type SpecEnvironment } from "./model-from-spec.js";

/** Where an agent built from a spec keeps its threads, and where it finds its local search index. */
export interface AgentFromSpecOptions extends SpecEnvironment {
  storage: Storage;
  /** The local search index used in deepresearch mode when the spec names no `search` backend. */
  indexDir?: string;
  budgets?: Partial<Budgets>;
}

/**
 * Builds the agent an {@link AgentSpec} describes, on the given storage: the interleaved loop (or
 * plan-then-execute), the model backend, the dialect and R1V4's tools of the mode. A hosted
 * Skywork-R1V4 spec (`model: "skywork:…"`) gets the `hosted-r1v4` dialect and no local tools.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { openStorage } from "interleaf/storage";
 * import { agentFromSpec } from "interleaf/graphs";
 *
 * writeFileSync("turns.json", JSON.stringify(["<think>Easy.</think>\n<answer>4</answer>"]));
 * const agent = await agentFromSpec({ mode: "general", dialect: "r1v4", script: "turns.json" }, { storage: await openStorage("memory") });
 * console.log((await agent.run({ question: "2 + 2?" })).answer); // "4"
 * ```
 */
export async function agentFromSpec(spec: AgentSpec, options: AgentFromSpecOptions): Promise<Agent> {
  const model = await modelFromSpec(spec, options);
  if (isHostedR1V4Spec(spec)) {
    // The hosted R1V4 runs the whole loop (and its tools) on the server; a truncated trace is not re-run.
    if (spec.plan) throw new InterleafError("invalid_argument", "the hosted R1V4 runs its own loop: --plan is not available with --model skywork:…; use hostedR1V4Planner from interleaf/skywork to get its plan");
    return new Agent({ graph: interleavedGraph(), model, dialect: dialectByName("hosted-r1v4"), tools: [], storage: options.storage, budgets: { maxMalformedTurns: 1, ...options.budgets } });
  }
  const tools = await toolsFromSpec(spec, model, options.indexDir, options.fetch);
  return new Agent({ graph: graphFromSpec(spec), model, dialect: dialectByName(spec.dialect), tools, storage: options.storage, budgets: options.budgets ?? {} });
}

/**
 * The tools of a spec: R1V4's tools of its mode; in deepresearch mode, search through the spec's
 * `search` backend or the local index in `indexDir`; the search backends that take one send their
 * requests through `fetch`.
 *
 * @example
 * ```ts
 * import { toolsFromSpec } from "interleaf/graphs";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const tools = await toolsFromSpec({ mode: "general", dialect: "r1v4" }, scriptedModel([]));
 * console.log(tools.map((tool) => tool.name).includes("zoom")); // true
 * ```
 */
export async function toolsFromSpec(spec: AgentSpec, summarizer: ModelBackend, indexDir?: string, fetch?: typeof globalThis.fetch): Promise<AnyTool[]> {
  if (spec.mode !== "deepresearch") return defaultTools({ mode: spec.mode });
  let search = spec.search;
  if (!search) {
    if (!indexDir || !existsSync(indexDir)) {
      throw new InterleafError("config_invalid", `deepresearch mode needs a search backend: --search tavily|serper|local:<index folder>, or build the local index with \`interleaf index <folder>\`${indexDir ? ` (looked in ${indexDir})` : ""}`);
    }
    search = `local:${indexDir}`;
  }
  return defaultTools({ mode: "deepresearch", search: await searchSetupFromSpec(search, fetch ? { fetch } : {}), summarizer });
}

/**
 * The graph of a spec: the interleaved loop, or plan-then-execute when `plan` is set. With
 * `approve`, the loop's tools node asks before those tools run (`approvalToolsNode`).
 */
export function graphFromSpec(spec: Pick<AgentSpec, "plan" | "approve">): AgentGraph {
  if (spec.plan === true) {
    if (spec.approve?.length) throw new InterleafError("config_invalid", "approving tool calls works with the interleaved loop only, not with --plan");
    return planAndExecuteGraph();
  }
  return interleavedGraph(spec.approve?.length ? { tools: approvalToolsNode({ tools: spec.approve }) } : {});
}

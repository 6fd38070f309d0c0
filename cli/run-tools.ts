import { existsSync } from "node:fs";
import type { AgentMode } from "../graphs/agent-modes.js";
import { defaultTools } from "../graphs/default-tools.js";
import { interleavedGraph } from "../graphs/interleaved/interleaved-graph.js";
import { planAndExecuteGraph } from "../graphs/plan-and-execute/index.js";
import { InterleafError } from "../src/errors/index.js";
import type { AgentGraph } from "../src/executor/agent-graph.js";
import type { ModelBackend } from "../src/models/model-backend.js";
import { searchSetupFromSpec } from "../src/search/index.js";
import type { AnyTool } from "../src/tools/tool.js";

/** What a CLI run's tool set is built from. */
export interface RunToolsOptions {
  mode: AgentMode;
  /** `tavily`, `serper`, `local:<index dir>`, or undefined for the local index in `indexDir`. */
  search: string | undefined;
  /** The local index `interleaf index` wrote (see `cliIndexDir`). */
  indexDir: string;
  /** A model for summarising long pages (the run's own model). */
  summarizer: ModelBackend;
}

/** The tools of a CLI run: R1V4's tools of the mode, with `--search` or the local index. */
export async function runTools(options: RunToolsOptions): Promise<AnyTool[]> {
  if (options.mode !== "deepresearch") return defaultTools({ mode: options.mode });
  let spec = options.search;
  if (!spec) {
    if (!existsSync(options.indexDir)) {
      throw new InterleafError("config_invalid", `deepresearch mode needs a search backend: --search tavily|serper|local:<index folder>, or build the local index with \`interleaf index <folder>\` (looked in ${options.indexDir})`);
    }
    spec = `local:${options.indexDir}`;
  }
  return defaultTools({ mode: "deepresearch", search: await searchSetupFromSpec(spec), summarizer: options.summarizer });
}

/** The graph of a CLI run: the interleaved loop, or plan-then-execute with `--plan`. */
export function runGraph(plan: boolean): AgentGraph {
  return plan ? planAndExecuteGraph() : interleavedGraph();
}

import type { AgentGraph } from "../executor/agent-graph.js";
import type { Storage } from "../storage/storage.js";
import type { AnyTool } from "../tools/tool.js";
import type { ModelBackend } from "../models/model-backend.js";
import type { CliIo } from "./cli-io.js";

/** R1V4's modes: visual tools only, or visual tools and search. */
export type AgentMode = "general" | "deepresearch";

/** What a run's tools are made from. */
export interface ToolChoice {
  mode: AgentMode;
  /** `tavily`, `serper`, `local:<index dir>`, or undefined for the default local index. */
  search: string | undefined;
  storage: Storage;
  /** A model for summarising long pages (the run's own model by default). */
  summarizer: ModelBackend;
  io: CliIo;
}

/** A command contributed by the composition root (e.g. `demo`, `plan`). */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/**
 * What the `interleaf` command is assembled from. `src/` cannot import the ready graphs and
 * tools (they live in `graphs/` and `nodes/`), so the executable in `graphs/` passes them in.
 */
export interface CliEnvironment {
  /** The graph of a run: the interleaved loop, or plan-then-execute with `plan`. */
  graph(mode: AgentMode, options?: { plan?: boolean }): AgentGraph;
  tools(choice: ToolChoice): Promise<AnyTool[]>;
  /** Extra commands by name, with a one-line description for the usage text. */
  commands?: Record<string, { describe: string; run: CliCommand }>;
}

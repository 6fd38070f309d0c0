import type { RunnableConfig } from "@langchain/core/runnables";
import { InterleafError } from "../../src/errors/index.js";
import { createAgentContext, recursionLimitFor } from "../../src/executor/agent-context.js";
import type { AgentStateValue } from "../../src/state/agent-state.js";
import { BudgetsSchema, type Budgets } from "../../src/state/budgets.js";
import { StorageFailureCheckpointer } from "../../src/storage/storage-failure-checkpointer.js";
import type { Storage } from "../../src/storage/storage.js";
import { ToolRegistry } from "../../src/tools/tool-registry.js";
import { graphFromSpec, toolsFromSpec } from "../agent-spec/agent-from-spec.js";
import { saveAgentSpec, type AgentSpec } from "../agent-spec/agent-spec.js";
import { dialectByName } from "../agent-spec/dialect-by-name.js";
import { modelFromSpec } from "../agent-spec/model-from-spec.js";
import { servedGraph, type ServedGraphReader } from "./served-graph.js";
import { resolveServerSpec, type ServerGraphOptions } from "./server-config.js";
import { ingestServerImages } from "./server-images.js";
import { sharedStorage } from "./shared-storage.js";

/** What a LangGraph server passes to a graph factory besides the run's config. */
export interface ServerGraphRuntime {
  /** The run's context (the assistant's `context` merged with the run's); null for reads. */
  executionRuntime?: { context?: unknown } | null;
}

/** A graph factory as `langgraph.json` points at: called by the server with each run's config. */
export type ServerGraphFactory = (config: RunnableConfig, runtime?: ServerGraphRuntime) => Promise<object>;

/**
 * A graph factory for LangGraph's own server (`langgraphjs dev`, `@langchain/langgraph-api`): export
 * it from the file `langgraph.json` names. Each run resolves its runtime from serialisable
 * configuration, the assistant's `context` (or `config.configurable`), over the operator's `spec`:
 * the model (`"openai-compatible:<model>@<baseURL>"`, the key read from the environment), the
 * dialect, R1V4's mode and tools, plan mode, budgets (see {@link ServerConfigSchema}). The input is
 * `{ question, images }`, images as URLs (through the SSRF guard), data URLs or paths under
 * `imageRoot`, stored in the image store by the graph. Threads are checkpointed in interleaf's
 * storage (the server's checkpointer is not used), with the spec saved beside them, so
 * `interleaf history`, `trajectory`, `resume` and `fork` work on them; produced images are
 * served by {@link imageRoute}.
 *
 * @example
 * ```ts
 * // graph.ts, named in langgraph.json as "graphs": { "interleaf": "./graph.ts:graph" }
 * import { serverGraph } from "interleaf/server";
 *
 * export const graph = serverGraph({
 *   spec: { mode: "general", dialect: "r1v4", model: "vllm:Skywork-R1V4-30B-A3B", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "none" },
 * });
 * ```
 */
export function serverGraph(options: ServerGraphOptions = {}): ServerGraphFactory {
  return async (config, runtime) => {
    const { spec, budgets } = resolveServerSpec(options, [config?.configurable, runtime?.executionRuntime?.context]);
    const storage = await sharedStorage(options.storage, options.env);
    const checkpointer = new StorageFailureCheckpointer(storage.checkpointer);
    const compiled = graphFromSpec(spec).compile({ checkpointer }) as object;
    return servedGraph(compiled, checkpointer, (input, runOptions, graph) => prepareRun(input, runOptions, graph, { options, spec, budgets, storage }));
  };
}

interface RunSetup {
  options: ServerGraphOptions;
  spec: AgentSpec;
  budgets: Partial<Budgets>;
  storage: Storage;
}

/** The run's input with its images stored, and its options with the live context, sync checkpoints and a recursion limit fit for its budgets. */
async function prepareRun(input: unknown, runOptions: RunnableConfig & Record<string, unknown>, graph: ServedGraphReader, setup: RunSetup) {
  const { options, spec, storage } = setup;
  const threadId = runOptions.configurable?.thread_id as string | undefined;
  const model = await modelFromSpec(spec, options);
  const tools = new ToolRegistry(await toolsFromSpec(spec, model, options.indexDir));
  let budgets: Budgets;
  let elapsedMs = 0;
  if (isStartInput(input)) {
    budgets = BudgetsSchema.parse({ ...setup.budgets, ...input.budgets });
    const images = await ingestServerImages(input.images ?? [], storage.images, options);
    input = { ...input, images, budgets };
    if (threadId) await saveAgentSpec(storage.cache, threadId, spec);
  } else {
    const { values } = await graph.getState({ configurable: { ...runOptions.configurable } });
    const state = values as Partial<AgentStateValue>;
    budgets = state.budgets ?? BudgetsSchema.parse(setup.budgets);
    elapsedMs = state.counters?.elapsedMs ?? 0;
  }
  const context = createAgentContext({ model, dialect: dialectByName(spec.dialect), tools, storage }, budgets.maxWallClockMs - elapsedMs);
  const recursionLimit = Math.max(Number(runOptions.recursionLimit ?? 0), recursionLimitFor(budgets));
  return { input, options: { ...runOptions, context, durability: runOptions.durability ?? "sync", recursionLimit } };
}

function isStartInput(input: unknown): input is { question: string; images?: unknown[]; budgets?: Partial<Budgets> } {
  if (!input || typeof input !== "object" || !("question" in input)) return false;
  const { question, images } = input as { question: unknown; images?: unknown };
  if (typeof question !== "string") throw new InterleafError("invalid_argument", "the input's question must be text", { details: { argument: "question" } });
  if (images !== undefined && !Array.isArray(images)) throw new InterleafError("invalid_argument", "the input's images must be a list", { details: { argument: "images" } });
  return true;
}

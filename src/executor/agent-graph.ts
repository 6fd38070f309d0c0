import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { RunnableConfig } from "@langchain/core/runnables";
import type { StateSnapshot } from "@langchain/langgraph";

/**
 * The parts of a compiled LangGraph graph the executor uses. Any `StateGraph` built on
 * {@link AgentState} (or a state extending its fields) compiles to one.
 */
export interface CompiledAgentGraph {
  stream(input: unknown, options: Record<string, unknown>): Promise<AsyncIterable<unknown>>;
  getState(config: RunnableConfig): Promise<StateSnapshot>;
  getStateHistory(config: RunnableConfig): AsyncIterableIterator<StateSnapshot>;
  updateState(config: RunnableConfig, values: Record<string, unknown> | unknown, asNode?: string): Promise<RunnableConfig>;
  /** Channels by state key; the executor reads their kind to copy state between threads. */
  channels: Record<string, unknown>;
}

/** An uncompiled agent graph: anything with LangGraph's `compile({ checkpointer })`. */
export interface AgentGraph {
  compile(options: { checkpointer: BaseCheckpointSaver }): unknown;
}

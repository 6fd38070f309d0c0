import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { RunnableConfig } from "@langchain/core/runnables";

/** Changes a served graph makes to the input and options of each run before it starts. */
export type PrepareRun = (input: unknown, options: RunnableConfig & Record<string, unknown>, graph: ServedGraphReader) => Promise<{ input: unknown; options: Record<string, unknown> }>;

/** What {@link PrepareRun} may read of the graph: the thread's state. */
export interface ServedGraphReader {
  getState(config: RunnableConfig): Promise<{ values: unknown }>;
}

interface PregelLike {
  _streamIterator(input: unknown, options: Record<string, unknown>): AsyncGenerator<unknown>;
}

/**
 * A compiled LangGraph graph as a LangGraph server needs it for interleaf: every way of running it
 * (`invoke`, `stream`, `streamEvents`) goes through `prepare` first (which puts the live
 * `AgentContext` in place of the JSON one), and its checkpointer stays interleaf's: the server's
 * `graph.checkpointer = …` is ignored, so the threads it runs are in interleaf's storage.
 *
 * @internal
 */
export function servedGraph<G extends object>(compiled: G, checkpointer: BaseCheckpointSaver, prepare: PrepareRun): G {
  const run = (compiled as unknown as PregelLike)._streamIterator;
  const served = Object.create(compiled) as G & PregelLike & ServedGraphReader;
  Object.defineProperty(served, "checkpointer", { get: () => checkpointer, set: () => undefined, enumerable: true, configurable: true });
  Object.defineProperty(served, "_streamIterator", {
    value: async function* (this: PregelLike & ServedGraphReader, input: unknown, options: Record<string, unknown>) {
      const prepared = await prepare(input, options, this);
      yield* run.call(this, prepared.input, prepared.options);
    },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return served;
}

import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { InterleafError, type AgentContext } from "../src/index.js";

/** The LangGraph runtime a node receives, with interleaf's {@link AgentContext}. */
export type NodeRuntime = LangGraphRunnableConfig & { context?: unknown };

/** The agent context of a node's runtime; a clear error when the graph was run without one. */
export function agentContext(runtime: NodeRuntime): AgentContext {
  const context = runtime.context as AgentContext | undefined;
  if (!context || typeof context !== "object" || !("model" in context) || !("dialect" in context)) {
    throw new InterleafError("config_invalid", "this node needs an interleaf AgentContext: run the graph with createGraphAgent(...) or pass { context } to invoke");
  }
  return context;
}

/** The thread id of the running graph ("" when run without a checkpointer). */
export function threadIdOf(runtime: NodeRuntime): string {
  const id = runtime.configurable?.thread_id;
  return typeof id === "string" ? id : "";
}

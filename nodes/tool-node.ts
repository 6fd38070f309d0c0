import { type AgentStateUpdate, type AgentStateValue, type AnyTool, type TrajectoryStep } from "../src/index.js";
import { fingerprint } from "../src/util/stable-json.js";
import { runGallery } from "../src/images/run-gallery.js";
import { agentContext, threadIdOf, type NodeRuntime } from "./runtime.js";
import { runToolCall } from "./tools/run-tool-call.js";
import { addToCounters } from "../src/state/counters.js";

/**
 * Makes a graph node that runs one tool with arguments taken from the state, without a model
 * turn: a fixed step of a pipeline (e.g. always look at a 2×2 grid of tiles first, or search the
 * question before the first turn). The call is recorded as a trajectory step like any other,
 * journaled, and its errors become observations.
 *
 * @example
 * ```ts
 * import { StateGraph, START, END } from "@langchain/langgraph";
 * import { AgentState, defineTool } from "interleaf";
 * import { toolNode } from "interleaf/nodes";
 * import { z } from "zod";
 *
 * const size = defineTool({
 *   name: "size_of", description: "Size of the original image.", input: z.object({}),
 *   async execute(_input, context) {
 *     const ref = context.gallery.resolve();
 *     return { text: `${ref.width}×${ref.height}` };
 *   },
 * });
 * const graph = new StateGraph(AgentState).addNode("measure", toolNode(size, () => ({}))).addEdge(START, "measure").addEdge("measure", END);
 * ```
 */
export function toolNode(tool: AnyTool, argumentsFrom: (state: AgentStateValue) => Record<string, unknown>) {
  return async function runFixedTool(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
    const context = agentContext(runtime);
    const scoped = { ...context, tools: context.tools.with(tool) };
    const index = state.steps.length;
    const args = argumentsFrom(state);
    const id = `s${index}-${tool.name}-${fingerprint(args).slice(0, 8)}`;
    const startedAt = context.now();
    const { record } = await runToolCall(
      { id, name: tool.name, arguments: args },
      { context: scoped, gallery: runGallery(state), question: state.question, threadId: threadIdOf(runtime), step: index, ...(runtime.signal ? { signal: runtime.signal } : {}) },
    );
    const step: TrajectoryStep = {
      index,
      kind: "tool_calls",
      source: "graph",
      thought: "",
      raw: "",
      calls: [record],
      usage: { inputTokens: 0, outputTokens: 0 },
      model: { id: "none", startedAt, durationMs: 0 },
    };
    return { steps: step, counters: addToCounters(state.counters, { toolCalls: 1, elapsedMs: record.durationMs }) };
  };
}

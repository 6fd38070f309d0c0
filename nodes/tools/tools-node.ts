import { emit } from "../../src/executor/agent-events.js";
import { InterleafError, type AgentStateUpdate, type AgentStateValue, type ToolCallRecord, type TrajectoryStep } from "../../src/index.js";
import { runGallery } from "../../src/images/run-gallery.js";
import { agentContext, threadIdOf, type NodeRuntime } from "../runtime.js";
import { runToolCall } from "./run-tool-call.js";
import { plural } from "../../src/util/plural.js";
import { addToCounters } from "../../src/state/counters.js";

/**
 * Runs the pending turn's tool calls, in parallel when there are several, and appends the step
 * with their observations. Calls beyond the tool-call budget are not run: the model is told so.
 *
 * @example
 * ```ts
 * import { StateGraph, START } from "@langchain/langgraph";
 * import { AgentState } from "interleaf";
 * import { reasonNode, toolsNode } from "interleaf/nodes";
 *
 * const graph = new StateGraph(AgentState)
 *   .addNode("reason", reasonNode)
 *   .addNode("tools", toolsNode)
 *   .addEdge(START, "reason")
 *   .addEdge("reason", "tools")
 *   .addEdge("tools", "reason");
 * ```
 */
export async function toolsNode(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
  const pending = state.pending;
  if (!pending) return {};
  const context = agentContext(runtime);
  const startedAt = context.now();
  const scope = { context, gallery: runGallery(state), question: state.question, threadId: threadIdOf(runtime), step: pending.index, ...(runtime.signal ? { signal: runtime.signal } : {}) };
  const remaining = Math.max(0, state.budgets.maxToolCalls - state.counters.toolCalls);
  const calls: ToolCallRecord[] = await Promise.all(
    pending.requests.map(async (job, i) => {
      if (i >= remaining) {
        const error = new InterleafError("budget_exhausted", `not run: the budget of ${plural(state.budgets.maxToolCalls, "tool call")} is used up; answer with what you have`, {
          details: { budget: "maxToolCalls", limit: state.budgets.maxToolCalls },
        });
        return { id: job.id, name: job.name, arguments: job.arguments, observation: { text: error.message, images: [], error: error.toJSON() }, startedAt, durationMs: 0 };
      }
      const { record, replayed } = await runToolCall(job, scope);
      const o = record.observation;
      emit(runtime.writer, {
        type: "observation",
        step: pending.index,
        callId: record.id,
        name: record.name,
        text: o.text,
        images: o.images,
        ...(o.error ? { error: o.error } : {}),
        durationMs: record.durationMs,
        replayed,
      });
      return record;
    }),
  );
  const durationMs = Math.max(0, context.now() - startedAt);
  const step: TrajectoryStep = { ...pending, kind: "tool_calls", calls };
  emit(runtime.writer, { type: "step_finished", step: pending.index, durationMs: durationMs + pending.model.durationMs });
  return {
    steps: step,
    pending: null,
    counters: addToCounters(state.counters, { toolCalls: Math.min(remaining, pending.requests.length), elapsedMs: durationMs }),
  };
}

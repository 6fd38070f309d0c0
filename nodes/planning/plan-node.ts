import { emit } from "../../src/executor/agent-events.js";
import { InterleafError, type AgentContext, type AgentStateUpdate, type AgentStateValue } from "../../src/index.js";
import { modelPlanner, type Planner } from "../../src/planning/index.js";
import { agentContext, type NodeRuntime } from "../runtime.js";
import { plural } from "../../src/util/plural.js";
import { checkSpecificationVersion } from "../../src/util/specification-version.js";
import { addToCounters } from "../../src/state/counters.js";

/** Which planner a plan node uses: a planner, or one made from the run's context. */
export type PlannerChoice = Planner | ((context: AgentContext) => Planner);

/** Options for {@link createPlanNode}. */
export interface PlanNodeOptions {
  /** Default: R1V4's plan-mode prompt over the run's own model (`modelPlanner(context.model)`). */
  planner?: PlannerChoice;
}

/** The planner a node should use in this run. */
export function plannerFor(choice: PlannerChoice | undefined, context: AgentContext): Planner {
  if (!choice) return modelPlanner(context.model);
  return checkSpecificationVersion("Planner", typeof choice === "function" ? choice(context) : choice);
}

/**
 * Makes the planning step of a graph: asks the planner for a plan of the question and its
 * images over the run's tools, and appends it to `plans` as version 0 (with the planner's
 * reasoning and raw output). A thread that already has a plan (resumed, or forked with one) keeps
 * it. A plan that stays invalid after the planner's repair round stops the run with
 * `plan_failed` and the issues; model failures propagate (the thread can be resumed).
 *
 * @example
 * ```ts
 * import { interleavedGraph } from "interleaf/graphs";
 * import { createPlanNode } from "interleaf/nodes";
 *
 * const graph = interleavedGraph({ plan: createPlanNode() });
 * ```
 */
export function createPlanNode(options: PlanNodeOptions = {}) {
  if (options.planner && typeof options.planner !== "function") checkSpecificationVersion("Planner", options.planner);
  return async function planStep(state: AgentStateValue, runtime: NodeRuntime): Promise<AgentStateUpdate> {
    if (state.plans.length > 0) return {};
    const context = agentContext(runtime);
    const planner = plannerFor(options.planner, context);
    const startedAt = context.now();
    try {
      const result = await planner.plan({
        question: state.question,
        images: state.images,
        tools: context.tools,
        imageStore: context.images,
        sizing: context.sizing,
        ...(runtime.signal ? { signal: runtime.signal } : {}),
      });
      const durationMs = Math.max(0, context.now() - startedAt);
      emit(runtime.writer, { type: "model_turn", step: state.steps.length, thought: `planned ${plural(result.steps.length, "step")}${result.thought ? `: ${result.thought}` : ""}`, usage: result.usage, durationMs });
      emit(runtime.writer, { type: "usage", ...result.usage });
      return {
        plans: { version: 0, steps: result.steps, reason: "initial", thought: result.thought, raw: result.raw, planner: result.planner },
        counters: addToCounters(state.counters, { modelTurns: result.attempts, elapsedMs: durationMs }, result.usage),
      };
    } catch (error) {
      if (!InterleafError.isInstance(error) || error.code !== "plan_invalid") throw error;
      const stop = { reason: "plan_failed" as const, message: error.message };
      emit(runtime.writer, { type: "stopped", stop });
      return { stop };
    }
  };
}

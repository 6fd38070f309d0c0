import type { StateGraph } from "@langchain/langgraph";
import type { AgentState, AgentStateUpdate, AgentStateValue } from "../src/index.js";
import type { PlanExecuteState, PlanExecuteStateUpdate, PlanExecuteStateValue } from "../src/planning/plan-execute-state.js";

/**
 * A ready-made graph over {@link AgentState}, not yet compiled: pass it to `createGraphAgent`,
 * which compiles it with the agent's checkpointer. `nodes` names its steps.
 */
export type AgentStateGraph = StateGraph<typeof AgentState, AgentStateValue, AgentStateUpdate, string>;

/** A ready-made graph over `PlanExecuteState` (the agent state plus the plan's progress). */
export type PlanExecuteStateGraph = StateGraph<typeof PlanExecuteState, PlanExecuteStateValue, PlanExecuteStateUpdate, string>;

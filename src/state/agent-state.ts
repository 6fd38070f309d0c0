import { DeltaValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { ImageRefSchema } from "../images/image-ref.js";
import { BudgetsSchema, CountersSchema, StopSchema } from "./budgets.js";
import { PendingTurnSchema } from "./pending-turn.js";
import { PlanVersionSchema } from "../planning/plan.js";
import { TrajectoryStepSchema, type TrajectoryStep } from "./trajectory.js";
import type { PlanVersion } from "../planning/plan.js";

/** Appends single entries or lists of entries, in order. Batching-invariant, as delta channels require. */
function append<T>(current: T[], writes: (T | T[])[]): T[] {
  return writes.length === 0 ? current : [...current, ...writes.flat(1) as T[]];
}

/**
 * The fields of {@link AgentState}, for building extended states:
 * `new StateSchema({ ...agentStateFields, notes: z.array(z.string()).default(() => []) })`.
 *
 * `steps` and `plans` are delta fields: each checkpoint stores only the entries added since the
 * previous one, so a long trajectory costs linear, not quadratic, storage.
 */
export const agentStateFields = {
  /** The user's question. */
  question: z.string(),
  /** Input images, by reference (bytes live in the image store). */
  images: z.array(ImageRefSchema).default(() => []),
  /** Finished steps, oldest first. Append-only. */
  steps: new DeltaValue(z.array(TrajectoryStepSchema).default(() => []), {
    inputSchema: z.union([TrajectoryStepSchema, z.array(TrajectoryStepSchema)]),
    reducer: append<TrajectoryStep>,
  }),
  /** The model turn whose tool calls are running, if any. */
  pending: PendingTurnSchema.nullable().default(null),
  /** Plan versions, oldest first (the planner fills it). Append-only. */
  plans: new DeltaValue(z.array(PlanVersionSchema).default(() => []), {
    inputSchema: z.union([PlanVersionSchema, z.array(PlanVersionSchema)]),
    reducer: append<PlanVersion>,
  }),
  /** The final answer, once there is one. */
  answer: z.string().nullable().default(null),
  /** Why the run ended, once it has. */
  stop: StopSchema.nullable().default(null),
  /** Running totals. */
  counters: CountersSchema.default(() => CountersSchema.parse({})),
  /** Limits for this run. */
  budgets: BudgetsSchema.default(() => BudgetsSchema.parse({})),
};

/**
 * The state of an interleaf agent, declared once; types derive from it.
 *
 * @example
 * ```ts
 * import { AgentState } from "interleaf";
 *
 * type State = typeof AgentState.State;
 * const answered = (state: State) => state.answer !== null;
 * ```
 */
export const AgentState = new StateSchema(agentStateFields);

// Interfaces rather than aliases of `typeof AgentState.State`, so that signatures and the reference
// show these names instead of the expanded zod types.
/** The state's value type: one field per entry of {@link agentStateFields}. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgentStateValue extends AgentStateValueType {}
/** What a node may return to update the state: any subset of its fields. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AgentStateUpdate extends AgentStateUpdateType {}
type AgentStateValueType = typeof AgentState.State;
type AgentStateUpdateType = typeof AgentState.Update;

import { ReducedValue, StateSchema } from "@langchain/langgraph";
import { z } from "zod";
import { agentStateFields } from "../state/agent-state.js";
import { PlanStepResultSchema, type PlanStepResult } from "./plan-step-result.js";

/** Running totals of plan steps not yet added to `counters` (parallel steps cannot write `counters`). */
export const PlanTallySchema = z.object({
  toolCalls: z.number().int().nonnegative().default(0),
  modelTurns: z.number().int().nonnegative().default(0),
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
  elapsedMs: z.number().nonnegative().default(0),
});
/**
 * Running totals of plan steps not yet added to `counters` (parallel steps cannot write `counters`).
 *
 * @useDeclaredType
 */
export type PlanTally = z.infer<typeof PlanTallySchema>;

const ZERO: PlanTally = { toolCalls: 0, modelTurns: 0, inputTokens: 0, outputTokens: 0, elapsedMs: 0 };

/**
 * The fields plan-and-execute adds to the agent state:
 * - `planResults`: every step result of every plan version, by `"<version>:<step>"`; parallel
 *   steps write concurrently and the reducer merges by key;
 * - `planTally`: usage of finished steps, summed, until the scheduler folds it into `counters`
 *   (it writes `"reset"`). `elapsedMs` keeps the longest step, as the steps of a wave run at the
 *   same time.
 */
export const planExecuteFields = {
  planResults: new ReducedValue(z.record(z.string(), PlanStepResultSchema).default(() => ({})), {
    inputSchema: z.record(z.string(), PlanStepResultSchema),
    reducer: (current: Record<string, PlanStepResult>, update: Record<string, PlanStepResult>) => ({ ...current, ...update }),
  }),
  planTally: new ReducedValue(PlanTallySchema.default(() => ({ ...ZERO })), {
    inputSchema: z.union([PlanTallySchema.partial(), z.literal("reset")]),
    reducer: (current: PlanTally, update: Partial<PlanTally> | "reset") =>
      update === "reset"
        ? { ...ZERO }
        : {
            toolCalls: current.toolCalls + (update.toolCalls ?? 0),
            modelTurns: current.modelTurns + (update.modelTurns ?? 0),
            inputTokens: current.inputTokens + (update.inputTokens ?? 0),
            outputTokens: current.outputTokens + (update.outputTokens ?? 0),
            elapsedMs: Math.max(current.elapsedMs, update.elapsedMs ?? 0),
          },
  }),
};

/**
 * The state of a plan-and-execute run: the agent state (`plans` holds every plan version,
 * `steps` the trajectory of tool calls) plus the per-step results.
 *
 * @example
 * ```ts
 * import { PlanExecuteState } from "interleaf/planning";
 *
 * type State = typeof PlanExecuteState.State;
 * const done = (s: State) => Object.values(s.planResults).filter((r) => r.status === "done").length;
 * ```
 */
export const PlanExecuteState = new StateSchema({ ...agentStateFields, ...planExecuteFields });
// Interfaces, so that signatures show these names instead of the expanded zod types.
/** The plan-and-execute state's value type. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlanExecuteStateValue extends PlanExecuteStateValueType {}
/** What a plan-and-execute node may return. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PlanExecuteStateUpdate extends PlanExecuteStateUpdateType {}
type PlanExecuteStateValueType = typeof PlanExecuteState.State;
type PlanExecuteStateUpdateType = typeof PlanExecuteState.Update;

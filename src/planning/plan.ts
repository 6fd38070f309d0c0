import { z } from "zod";

/**
 * One step of an R1V4 plan: what to do, which tool (or `none` for a reasoning step), and the
 * tool's parameters, which may cite earlier steps through placeholders ("[Person from Step 1]").
 * Validated plans (see `validatePlan` in interleaf's planning module) hold the executor's
 * parameter names (`queries`, not the planner's `query`).
 */
export const PlanStepSchema = z.object({
  description: z.string(),
  tool_name: z.string(),
  parameters: z.record(z.string(), z.unknown()).default({}),
});
/**
 * One step of an R1V4 plan: what to do, which tool (or `none` for a reasoning step), and the
 * tool's parameters, which may cite earlier steps through placeholders ("[Person from Step 1]").
 * Validated plans (see `validatePlan` in interleaf's planning module) hold the executor's
 * parameter names (`queries`, not the planner's `query`).
 *
 * @useDeclaredType
 */
export type PlanStep = z.infer<typeof PlanStepSchema>;

/** A version of the plan: the first one, or a replan after a failed step. */
export const PlanVersionSchema = z.object({
  version: z.number().int().nonnegative(),
  steps: z.array(PlanStepSchema),
  /** Why this version exists ("initial", "step 3 failed: ..."). */
  reason: z.string().default("initial"),
  /** How many leading steps were carried over, already executed, from the previous version. */
  kept: z.number().int().nonnegative().optional(),
  /** The planner's reasoning (`<think>`), when it gave one. */
  thought: z.string().optional(),
  /** The planner's output as it came (for inspection; never contains secrets). */
  raw: z.string().optional(),
  /** Which planner wrote it (`provider:model`). */
  planner: z.string().optional(),
});
/**
 * A version of the plan: the first one, or a replan after a failed step.
 *
 * @useDeclaredType
 */
export type PlanVersion = z.infer<typeof PlanVersionSchema>;

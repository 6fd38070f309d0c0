import { z } from "zod";
import { ErrorInfoSchema } from "../errors/error-info.js";
import { UsageSchema } from "../state/trajectory.js";

/** How a plan step ended. `skipped`: not run because a step it needs failed and no replan was left. */
export const PlanStepStatusSchema = z.enum(["done", "failed", "empty", "skipped"]);
/**
 * How a plan step ended. `skipped`: not run because a step it needs failed and no replan was left.
 *
 * @useDeclaredType
 */
export type PlanStepStatus = z.infer<typeof PlanStepStatusSchema>;

/** What filling a step's placeholders took: the model that did it and what it wrote. */
export const PlaceholderFillSchema = z.object({
  /** The parameters as planned, placeholders included. */
  planned: z.record(z.string(), z.unknown()),
  /** `provider:model` of the model that filled them. */
  model: z.string(),
  /** Its output as it came. */
  raw: z.string(),
  attempts: z.number().int().positive(),
});
/**
 * What filling a step's placeholders took: the model that did it and what it wrote.
 *
 * @useDeclaredType
 */
export type PlaceholderFill = z.infer<typeof PlaceholderFillSchema>;

/** The result of one step of one plan version. */
export const PlanStepResultSchema = z.object({
  version: z.number().int().nonnegative(),
  /** The step's number in that version (1-based). */
  step: z.number().int().positive(),
  status: PlanStepStatusSchema,
  tool_name: z.string(),
  /** The parameters the tool ran with, placeholders filled (empty for `none` steps). */
  parameters: z.record(z.string(), z.unknown()).default({}),
  /** Present when placeholders were filled by a model call. */
  filled: PlaceholderFillSchema.optional(),
  /** What the step found: the observation text, or the reasoning. */
  text: z.string(),
  error: ErrorInfoSchema.optional(),
  /** The trajectory step that recorded the tool call, if one did. */
  trajectoryIndex: z.number().int().nonnegative().optional(),
  /** The tool call's id in the trajectory. */
  callId: z.string().optional(),
  usage: UsageSchema.default({ inputTokens: 0, outputTokens: 0 }),
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
  /** True for a result copied from the previous version by a replan. */
  carried: z.boolean().optional(),
});
/**
 * The result of one step of one plan version.
 *
 * @useDeclaredType
 */
export type PlanStepResult = z.infer<typeof PlanStepResultSchema>;

/** The key of a result in the plan-and-execute state: `"<version>:<step>"`. */
export function resultKey(version: number, step: number): string {
  return `${version}:${step}`;
}

/** The results of one plan version, by step number. */
export function resultsOf(results: Readonly<Record<string, PlanStepResult>>, version: number): Map<number, PlanStepResult> {
  const out = new Map<number, PlanStepResult>();
  for (const result of Object.values(results)) if (result.version === version) out.set(result.step, result);
  return out;
}

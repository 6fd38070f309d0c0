/**
 * Planning: the {@link Planner} interface and its built-in planners, plan validation, the
 * plan-and-execute state, and checks of a run against its plan.
 *
 * @packageDocumentation
 * @module interleaf/planning
 */
export type { Planner, PlannerInput, PlannerResult, ReplanRequest, DoneStep } from "./planner.js";
export type { PlanDependencies } from "./plan-dependencies.js";
export { modelPlanner, type ModelPlannerOptions } from "./model-planner.js";
export { structuredOutputPlanner, planOutputSchema, type StructuredOutputPlannerOptions } from "./structured-output-planner.js";
export { r1v4PlannerPrompt } from "./planner-prompt.js";
export { validatePlan, parsePlanText, type ValidatePlanOptions, type PlanValidation } from "./validate-plan.js";
export { formatPlanIssues } from "./plan-issue.js";
export { renderPlan } from "./render-plan.js";
export type { CitedResult } from "./fill-placeholders.js";
export type { PlanStepResult, PlanStepStatus, PlaceholderFill } from "./plan-step-result.js";
export { PlanExecuteState, planExecuteFields, type PlanExecuteStateValue, type PlanExecuteStateUpdate, type PlanTally } from "./plan-execute-state.js";
export { planConsistencyOf } from "./plan-consistency-of.js";
export { planConsistency, type PlanConsistencyReport, type PlanConsistencyOptions, type StepConsistency, type ExecutedCall } from "./plan-consistency.js";
export { planFromTrajectory, type PlanFromTrajectoryOptions } from "./plan-from-trajectory.js";

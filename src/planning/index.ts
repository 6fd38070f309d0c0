export { placeholdersIn, placeholdersInValue, stepNumbersIn, stepMentionsIn, renumberSteps, type Placeholder } from "./placeholders.js";
export { citedSteps, checkDependencies, planDependencies, dependentsOf, type PlanDependencies } from "./plan-dependencies.js";
export { formatPlanIssues, planInvalidError, type PlanIssue } from "./plan-issue.js";
export { extractPlanPayload, type PlanPayload } from "./plan-text.js";
export { toExecutorParameters, toPlannerParameters, parameterNames } from "./executor-parameters.js";
export { validatePlan, parsePlanText, type ValidatePlanOptions, type PlanValidation } from "./validate-plan.js";
export type { Planner, PlannerInput, PlannerResult, ReplanRequest, DoneStep } from "./planner.js";
export { r1v4PlannerPrompt, replanText, repairText, shorten } from "./planner-prompt.js";
export { plannerMessages } from "./planner-messages.js";
export { modelPlanner, type ModelPlannerOptions } from "./model-planner.js";
export { structuredOutputPlanner, planOutputSchema, type StructuredOutputPlannerOptions } from "./structured-output-planner.js";
export { fillPlaceholders, type CitedResult, type FillPlaceholdersInput, type FilledParameters } from "./fill-placeholders.js";
export { reasoningStepMessages, readReasoning, type ReasoningStepInput } from "./reasoning-step.js";
export { isEmptyObservation } from "./empty-observation.js";
export {
  PlanStepResultSchema,
  PlanStepStatusSchema,
  PlaceholderFillSchema,
  resultKey,
  resultsOf,
  type PlanStepResult,
  type PlanStepStatus,
  type PlaceholderFill,
} from "./plan-step-result.js";
export { PlanExecuteState, planExecuteFields, PlanTallySchema, type PlanExecuteStateValue, type PlanExecuteStateUpdate, type PlanTally } from "./plan-execute-state.js";
export { planConsistencyOf } from "./plan-consistency-of.js";
export { planConsistency, type PlanConsistencyReport, type PlanConsistencyOptions, type StepConsistency, type ExecutedCall } from "./plan-consistency.js";
export { planFromTrajectory, type PlanFromTrajectoryOptions } from "./plan-from-trajectory.js";
export { renderPlan, planGuidance } from "./render-plan.js";

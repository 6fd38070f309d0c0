export { schedulePlanNode, routePlan } from "./schedule-plan.js";
export { createExecutePlanStepNode, type ExecutePlanStepOptions } from "./execute-plan-step.js";
export { createVerifyPlanNode } from "./verify-plan.js";
export { createReplanNode } from "./replan.js";
export { planGuidedReasonNode } from "./plan-guided-reason.js";
export { planProgress, currentPlan, type PlanProgress } from "./plan-progress.js";
export { citedResults } from "./cited-results.js";
export type { PlanTask, WithPlanTask } from "./plan-task.js";

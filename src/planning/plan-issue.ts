import { InterleafError } from "../errors/index.js";

/**
 * One thing wrong with a plan, as data: the step (1-based, absent for the plan as a whole), where
 * in the step, and what to do about it.
 */
export interface PlanIssue {
  step?: number;
  /** Where in the step: `tool_name`, `parameters.queries`, ... */
  path?: string;
  message: string;
}

/** The issues as lines a person or a model can act on ("Step 2 (parameters): ..."). */
export function formatPlanIssues(issues: readonly PlanIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.step === undefined ? "Plan" : `Step ${issue.step}`;
      return `- ${where}${issue.path ? ` (${issue.path})` : ""}: ${issue.message}`;
    })
    .join("\n");
}

/** A `plan_invalid` error carrying the issues in `details.issues`. */
export function planInvalidError(issues: readonly PlanIssue[], context: string, extra: Record<string, unknown> = {}): InterleafError {
  return new InterleafError("plan_invalid", `${context}:\n${formatPlanIssues(issues)}`, { details: { issues: [...issues], ...extra } });
}

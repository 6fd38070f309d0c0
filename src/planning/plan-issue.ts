import { InterleafError, type PlanIssue } from "../errors/index.js";

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
export function planInvalidError(issues: readonly PlanIssue[], context: string, extra: { outputs?: string[] } = {}): InterleafError<"plan_invalid"> {
  return new InterleafError("plan_invalid", `${context}:\n${formatPlanIssues(issues)}`, { details: { issues: [...issues], ...extra } });
}

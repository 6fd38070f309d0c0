import { z } from "zod";
import { safeInertJson } from "../state/inert-json.js";
import type { PlanStep } from "./plan.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { toExecutorParameters } from "./executor-parameters.js";
import { checkDependencies, planDependencies, type PlanDependencies } from "./plan-dependencies.js";
import type { PlanIssue } from "../errors/index.js";
import { extractPlanPayload } from "./plan-text.js";
import { placeholdersInValue } from "./placeholders.js";
import { plural } from "../util/plural.js";

/** Options of {@link validatePlan} and {@link parsePlanText}. */
export interface ValidatePlanOptions {
  /** The tools the plan may name (plus `none`). */
  tools: ToolRegistry;
  /** Steps already done and kept (a replan): the new steps are numbered after them and may cite them. */
  prior?: readonly PlanStep[];
  /** Most steps accepted (default 16; R1V4 plans have 2 to 10). */
  maxSteps?: number;
}

/** The outcome of a validation: the plan in the executor's form with its graph, or the issues. */
export type PlanValidation =
  | { success: true; steps: PlanStep[]; dependencies: PlanDependencies; thought: string }
  | { success: false; issues: PlanIssue[]; thought: string };

/** Other names planners use for a tool in a plan step. */
const TOOL_ALIASES: Record<string, string> = { web_content: "web_visit", visit: "web_visit", web_search: "text_search", search: "text_search", lens: "image_search" };

const RawStepSchema = z.preprocess(
  (value) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return value;
    const v = value as Record<string, unknown>;
    return {
      description: v.description ?? v.step ?? v.action ?? v.goal,
      tool_name: v.tool_name ?? v.tool ?? v.name ?? v.toolName,
      parameters: v.parameters ?? v.arguments ?? v.args ?? v.params ?? {},
    };
  },
  z.object({
    description: z.string({ error: "give a description (a string saying what the step does)" }).min(1, "give a non-empty description"),
    tool_name: z.string({ error: 'give tool_name (a tool name, or "none" for a reasoning step)' }),
    parameters: z.union([z.record(z.string(), z.unknown()), z.string()], { error: "give parameters as a JSON object" }),
  }),
);

/**
 * Validates a plan value (a JSON array of steps, or `{ steps: [...] }` / `{ plan: [...] }`):
 * each step's shape, its tool (a registered tool or `none`), parameters given as JSON strings,
 * planner parameter names mapped to the executor's (`query` → `queries`), the parameters of
 * steps without placeholders checked against the tool's schema, and the placeholders'
 * dependency graph (missing steps, later steps, cycles). Never throws.
 *
 * @example
 * ```ts
 * import { ToolRegistry, defineTool } from "interleaf";
 * import { validatePlan } from "interleaf/planning";
 * import { z } from "zod";
 *
 * const search = defineTool({ name: "text_search", description: "Web search.", input: z.object({ queries: z.array(z.string()) }), async execute() { return { text: "" }; } });
 * const result = validatePlan(
 *   [
 *     { description: "Search the landmark", tool_name: "text_search", parameters: { query: "Eiffel Tower height" } },
 *     { description: "Answer from [height found in Step 1]", tool_name: "none", parameters: {} },
 *   ],
 *   { tools: new ToolRegistry([search]) },
 * );
 * console.log(result.success && result.steps[0]?.parameters); // { queries: ["Eiffel Tower height"] }
 * ```
 */
export function validatePlan(value: unknown, options: ValidatePlanOptions, thought = ""): PlanValidation {
  const prior = options.prior ?? [];
  const offset = prior.length;
  const list = Array.isArray(value) ? value : listInside(value);
  if (!list) return { success: false, thought, issues: [{ message: "the plan must be a JSON array of step objects ({description, tool_name, parameters})" }] };
  const maxSteps = options.maxSteps ?? 16;
  const issues: PlanIssue[] = [];
  if (list.length === 0) issues.push({ message: "the plan has no steps; give at least one" });
  if (offset + list.length > maxSteps) issues.push({ message: `the plan has ${plural(offset + list.length, "step")}; give at most ${maxSteps}` });
  const known = [...options.tools.names(), "none"];
  const steps: PlanStep[] = [];
  list.forEach((raw, i) => {
    const n = offset + i + 1;
    const parsed = RawStepSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ step: n, ...(issue.path.length ? { path: issue.path.join(".") } : {}), message: issue.message });
      return;
    }
    const toolName = canonicalTool(parsed.data.tool_name, known);
    if (!toolName) {
      issues.push({ step: n, path: "tool_name", message: `unknown tool "${parsed.data.tool_name}"; use one of: ${known.join(", ")}` });
      return;
    }
    let parameters: Record<string, unknown>;
    if (typeof parsed.data.parameters === "string") {
      const text = parsed.data.parameters.trim();
      const decoded = jsonObjectOf(text);
      if (!decoded) {
        issues.push({ step: n, path: "parameters", message: `parameters is a string that is not a JSON object (${text.slice(0, 80)}); give an object` });
        return;
      }
      parameters = decoded;
    } else parameters = parsed.data.parameters;
    const tool = toolName === "none" ? undefined : options.tools.get(toolName);
    const executor = toolName === "none" ? parameters : toExecutorParameters(tool, parameters);
    if (tool && placeholdersInValue(executor).length === 0) {
      const check = tool.input.safeParse(executor);
      if (!check.success) {
        for (const issue of (check.error as z.ZodError).issues) {
          issues.push({ step: n, path: ["parameters", ...issue.path.map(String)].join("."), message: `${issue.message} (for ${toolName})` });
        }
      }
    }
    const storable = safeInertJson(executor);
    if (!storable.ok) {
      issues.push({ step: n, path: "parameters", message: storable.problem });
      return;
    }
    steps.push({ description: parsed.data.description.trim(), tool_name: toolName, parameters: storable.value as Record<string, unknown> });
  });
  if (issues.length > 0) return { success: false, issues, thought };
  const all = [...prior, ...steps];
  const references = checkDependencies(all).filter((issue) => issue.step === undefined || issue.step > offset);
  if (references.length > 0) return { success: false, issues: references, thought };
  return { success: true, steps: all, dependencies: planDependencies(all), thought };
}

/**
 * Reads and validates a planner's text output (see {@link validatePlan} for what is checked,
 * and `extractPlanPayload` for the shapes accepted). Never throws.
 */
export function parsePlanText(text: string, options: ValidatePlanOptions): PlanValidation {
  const payload = extractPlanPayload(text);
  if (payload.value === undefined) return { success: false, thought: payload.thought, issues: [{ message: payload.problem ?? "no plan found" }] };
  return validatePlan(payload.value, options, payload.thought);
}

function listInside(value: unknown): unknown[] | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  const inner = v.steps ?? v.plan;
  if (Array.isArray(inner)) return inner;
  if (typeof inner === "string") {
    try {
      const decoded = JSON.parse(inner) as unknown;
      return Array.isArray(decoded) ? decoded : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function canonicalTool(name: string, known: readonly string[]): string | undefined {
  const wanted = name.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (known.includes(wanted)) return wanted;
  if (wanted === "" || wanted === "null" || wanted === "reasoning" || wanted === "think") return "none";
  const alias = TOOL_ALIASES[wanted];
  return alias && known.includes(alias) ? alias : undefined;
}

/** The JSON object a string holds (`{}` for an empty string), or undefined. */
function jsonObjectOf(text: string): Record<string, unknown> | undefined {
  if (text === "") return {};
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    return undefined;
  }
  return decoded && typeof decoded === "object" && !Array.isArray(decoded) ? (decoded as Record<string, unknown>) : undefined;
}

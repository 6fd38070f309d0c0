import type { ModelBackend } from "../models/model-backend.js";
import { text } from "../models/messages.js";
import type { PlanIssue } from "../errors/index.js";
import { formatPlanIssues, planInvalidError } from "./plan-issue.js";
import type { Planner, PlannerInput, PlannerResult } from "./planner.js";
import { plannerMessages } from "./planner-messages.js";
import { repairText } from "./planner-prompt.js";
import { parsePlanText } from "./validate-plan.js";
import { plural } from "../util/plural.js";
import { checkSpecificationVersion } from "../util/specification-version.js";
import { callModel } from "../models/call-model.js";

/** Options for {@link modelPlanner}. */
export interface ModelPlannerOptions {
  /** Replace the R1V4 plan-mode system prompt (the tools are then yours to describe). */
  systemPrompt?: string;
  /** Repair rounds after an invalid plan (default 1). */
  repairs?: number;
  /** Sampling temperature (R1V4's evaluation uses 0.2). */
  temperature?: number;
  maxTokens?: number;
  /** Most steps accepted (default 16). */
  maxSteps?: number;
}

/**
 * A planner over any {@link ModelBackend} with R1V4's plan-mode prompt, e.g. the hosted
 * `skywork/r1v4-vl-planner-lite` or any OpenAI-compatible model. Output is read in every shape
 * planners produce (`<think>`, `<plan>`, fences, parameters as JSON strings, singular parameter
 * names); an invalid plan is sent back once with its problems, then the planner throws
 * `plan_invalid`.
 *
 * @example
 * ```ts
 * import { ToolRegistry } from "interleaf";
 * import { MemoryImageStore } from "interleaf/storage";
 * import { modelPlanner } from "interleaf/planning";
 * import { scriptedModel } from "interleaf/testing";
 *
 * const planner = modelPlanner(scriptedModel(['<plan>[{"description": "Answer", "tool_name": "none", "parameters": {}}]</plan>']));
 * const plan = await planner.plan({ question: "2+2?", images: [], tools: new ToolRegistry(), imageStore: new MemoryImageStore() });
 * console.log(plan.steps.length); // 1
 * ```
 */
export function modelPlanner(model: ModelBackend, options: ModelPlannerOptions = {}): Planner {
  checkSpecificationVersion("ModelBackend", model);
  const name = `${model.provider}:${model.modelId}`;
  return {
    specificationVersion: "v1",
    name,
    async plan(input: PlannerInput): Promise<PlannerResult> {
      const messages = await plannerMessages(input, options.systemPrompt);
      const usage = { inputTokens: 0, outputTokens: 0 };
      const rounds = 1 + (options.repairs ?? 1);
      let issues: PlanIssue[] = [];
      const outputs: string[] = [];
      for (let attempt = 1; attempt <= rounds; attempt++) {
        const response = await callModel(model, {
          messages,
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
          ...(input.signal ? { signal: input.signal } : {}),
        });
        usage.inputTokens += response.usage.inputTokens;
        usage.outputTokens += response.usage.outputTokens;
        outputs.push(response.text);
        const result = parsePlanText(response.text, { tools: input.tools, ...(input.replan ? { prior: input.replan.done.map((d) => d.plan) } : {}), ...(options.maxSteps ? { maxSteps: options.maxSteps } : {}) });
        if (result.success) {
          return { steps: result.steps, dependencies: result.dependencies, thought: result.thought, raw: response.text, attempts: attempt, usage, planner: name };
        }
        issues = result.issues;
        messages.push({ role: "assistant", content: [text(response.text)] }, { role: "user", content: [text(repairText(formatPlanIssues(issues)))] });
      }
      throw planInvalidError(issues, `the planner ${name} gave no valid plan after ${plural(rounds, "attempt")}; check that the model follows the plan format (a JSON array of steps) or use another planner model`, { outputs });
    },
  };
}

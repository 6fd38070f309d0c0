import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { InterleafError } from "../errors/index.js";
import { toLangChainMessages } from "../models/langchain/langchain-messages.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { PlanIssue } from "../errors/index.js";
import { formatPlanIssues, planInvalidError } from "./plan-issue.js";
import type { Planner, PlannerInput, PlannerResult } from "./planner.js";
import { plannerMessages } from "./planner-messages.js";
import { repairText } from "./planner-prompt.js";
import { extractPlanPayload } from "./plan-text.js";
import { validatePlan } from "./validate-plan.js";
import { plural } from "../util/plural.js";

/** Options for {@link structuredOutputPlanner}. */
export interface StructuredOutputPlannerOptions {
  /** How LangChain asks for structure (default: the chat model's own default, e.g. `jsonSchema` for OpenAI). */
  method?: "jsonSchema" | "functionCalling" | "jsonMode";
  /** Repair rounds after an invalid plan (default 1). */
  repairs?: number;
  /** Replace the R1V4 plan-mode system prompt. */
  systemPrompt?: string;
  /** Model id to report (default the chat model's `model`). */
  modelId?: string;
  maxSteps?: number;
}

/**
 * The schema the model is held to: `tool_name` is an enum of the executor's tools and `none`;
 * `parameters` is a JSON object written as a string, which every provider's strict structured
 * output accepts (free-form objects are refused by some).
 */
export function planOutputSchema(tools: ToolRegistry) {
  const names: [string, ...string[]] = ["none", ...tools.names()];
  return z.object({
    steps: z
      .array(
        z.object({
          description: z.string().describe("What this step does and why; cite earlier results as placeholders like [Person from Step 1]"),
          tool_name: z.enum(names).describe('The tool to call, or "none" for a reasoning step'),
          parameters: z.string().describe('The tool parameters as a JSON object string, e.g. {"queries": ["..."]}; "{}" for none'),
        }),
      )
      .describe("The plan's steps in order, ending with a none step that gives the final answer"),
  });
}

interface StructuredRunnable {
  invoke(input: BaseMessage[], options?: { signal?: AbortSignal }): Promise<{ raw: BaseMessage; parsed: unknown }>;
}

/**
 * A planner that uses a LangChain chat model's native structured output
 * (`withStructuredOutput`): the model is constrained to the plan schema (see
 * {@link planOutputSchema}); the result then goes through the same validation as text plans
 * (tools, parameters, placeholders, dependency graph), with one repair round.
 *
 * @example
 * ```ts
 * import { ChatOpenAI } from "@langchain/openai";
 * import { structuredOutputPlanner } from "interleaf/planning";
 *
 * const planner = structuredOutputPlanner(new ChatOpenAI({ model: "gpt-4.1-mini", apiKey: "sk-..." }));
 * console.log(planner.name); // "langchain:gpt-4.1-mini"
 * ```
 */
export function structuredOutputPlanner(chatModel: BaseChatModel, options: StructuredOutputPlannerOptions = {}): Planner {
  const fields = chatModel as unknown as { model?: unknown };
  const modelId = options.modelId ?? (typeof fields.model === "string" ? fields.model : chatModel._llmType());
  const name = `langchain:${modelId}`;
  return {
    specificationVersion: "v1",
    name,
    async plan(input: PlannerInput): Promise<PlannerResult> {
      if (typeof chatModel.withStructuredOutput !== "function") {
        throw new InterleafError("config_invalid", `the LangChain model "${modelId}" has no withStructuredOutput; use modelPlanner(langchainModel(chatModel)) instead`);
      }
      const runnable = chatModel.withStructuredOutput(planOutputSchema(input.tools), {
        name: "plan",
        includeRaw: true,
        ...(options.method ? { method: options.method } : {}),
      }) as unknown as StructuredRunnable;
      const messages = toLangChainMessages(await plannerMessages(input, options.systemPrompt));
      const rounds = 1 + (options.repairs ?? 1);
      const usage = { inputTokens: 0, outputTokens: 0 };
      let issues: PlanIssue[] = [];
      for (let attempt = 1; attempt <= rounds; attempt++) {
        let output: { raw: BaseMessage; parsed: unknown };
        try {
          output = await runnable.invoke(messages, input.signal ? { signal: input.signal } : {});
        } catch (error) {
          throw InterleafError.from(error, "model_failed", `the structured-output planner ${name} failed`);
        }
        const meta = (output.raw as AIMessage).usage_metadata;
        usage.inputTokens += meta?.input_tokens ?? 0;
        usage.outputTokens += meta?.output_tokens ?? 0;
        const rawText = typeof output.raw.content === "string" ? output.raw.content : JSON.stringify(output.raw.content);
        const value = output.parsed ?? extractPlanPayload(rawText).value;
        const raw = output.parsed ? JSON.stringify(output.parsed) : rawText;
        const result = value === undefined
          ? { success: false as const, issues: [{ message: "the model returned no structured plan" }], thought: "" }
          : validatePlan(value, { tools: input.tools, ...(input.replan ? { prior: input.replan.done.map((d) => d.plan) } : {}), ...(options.maxSteps ? { maxSteps: options.maxSteps } : {}) });
        if (result.success) return { steps: result.steps, dependencies: result.dependencies, thought: result.thought, raw, attempts: attempt, usage, planner: name };
        issues = result.issues;
        messages.push(new AIMessage(raw), new HumanMessage(repairText(formatPlanIssues(issues))));
      }
      throw planInvalidError(issues, `the structured-output planner ${name} gave no valid plan after ${plural(rounds, "attempt")}`);
    },
  };
}

import type { ModelBackend } from "../models/model-backend.js";
import { text, type ModelMessage } from "../models/messages.js";
import { safeInertJson } from "../state/inert-json.js";
import type { PlanIssue } from "../errors/index.js";
import { formatPlanIssues, planInvalidError } from "./plan-issue.js";
import type { PlanStep } from "./plan.js";
import { extractPlanPayload } from "./plan-text.js";
import { placeholdersInValue } from "./placeholders.js";
import { shorten } from "./planner-prompt.js";
import { callModel } from "../models/call-model.js";

/** An earlier step's result, as cited by a placeholder. */
export interface CitedResult {
  step: number;
  plan: PlanStep;
  text: string;
}

/** What {@link fillPlaceholders} needs. */
export interface FillPlaceholdersInput {
  question: string;
  /** The step's number and plan. */
  step: number;
  plan: PlanStep;
  /** Results of the steps the placeholders cite. */
  cited: readonly CitedResult[];
  signal?: AbortSignal;
  /** Repair rounds (default 1). */
  repairs?: number;
  /** Characters of each cited result shown (default 6000). */
  maxResultChars?: number;
}

/** Filled parameters and what it took. */
export interface FilledParameters {
  parameters: Record<string, unknown>;
  raw: string;
  attempts: number;
  usage: { inputTokens: number; outputTokens: number };
}

const SYSTEM = [
  "You fill in the parameters of one step of a plan before its tool runs.",
  'Placeholders in square brackets, such as "[Person from Step 1]", stand for information earlier steps found. Replace each one with the concrete value taken from the cited results (a name, a URL, a number, an image name...).',
  "Keep the same parameter names and types; keep everything that is not a placeholder as it is.",
  "Reply with the JSON object of parameters only, no prose.",
].join("\n");

/**
 * Resolves a step's placeholders with one model call: the model reads the cited results and
 * writes the parameters with concrete values. An answer that is not a JSON object, changes the
 * parameter names or leaves placeholders gets one repair round, then `plan_invalid`.
 */
export async function fillPlaceholders(model: ModelBackend, input: FillPlaceholdersInput): Promise<FilledParameters> {
  const max = input.maxResultChars ?? 6000;
  const results = input.cited.map((c) => `Step ${c.step} (${c.plan.tool_name}: ${c.plan.description}) found:\n${shorten(c.text, max)}`).join("\n\n");
  const messages: ModelMessage[] = [
    { role: "system", content: [text(SYSTEM)] },
    {
      role: "user",
      content: [
        text(
          [
            `Question: ${input.question}`,
            "",
            `Step ${input.step}: ${input.plan.description}`,
            `Tool: ${input.plan.tool_name}`,
            `Parameters with placeholders: ${JSON.stringify(input.plan.parameters)}`,
            "",
            "Results of the cited steps:",
            results || "(none)",
          ].join("\n"),
        ),
      ],
    },
  ];
  const usage = { inputTokens: 0, outputTokens: 0 };
  const rounds = 1 + (input.repairs ?? 1);
  let issues: PlanIssue[] = [];
  for (let attempt = 1; attempt <= rounds; attempt++) {
    const response = await callModel(model, { messages, ...(input.signal ? { signal: input.signal } : {}) });
    usage.inputTokens += response.usage.inputTokens;
    usage.outputTokens += response.usage.outputTokens;
    const value = safeInertJson(extractPlanPayload(response.text).value);
    issues = value.ok ? check(value.value, input.plan.parameters, input.step) : [{ step: input.step, path: "parameters", message: value.problem }];
    if (value.ok && issues.length === 0) return { parameters: value.value as Record<string, unknown>, raw: response.text, attempts: attempt, usage };
    messages.push({ role: "assistant", content: [text(response.text)] }, { role: "user", content: [text(`These parameters cannot be used:\n${formatPlanIssues(issues)}\nReply with the corrected JSON object only.`)] });
  }
  throw planInvalidError(issues, `could not fill the placeholders of step ${input.step} from the results it cites`);
}

function check(value: unknown, planned: Record<string, unknown>, step: number): PlanIssue[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [{ step, path: "parameters", message: "write the parameters as one JSON object" }];
  const got = value as Record<string, unknown>;
  const issues: PlanIssue[] = [];
  const missing = Object.keys(planned).filter((k) => !(k in got));
  if (missing.length) issues.push({ step, path: "parameters", message: `keep every parameter; missing: ${missing.join(", ")}` });
  const left = placeholdersInValue(got);
  if (left.length) issues.push({ step, path: "parameters", message: `placeholders left unfilled: ${left.map((p) => p.text).join(", ")}; replace them with values from the results` });
  return issues;
}

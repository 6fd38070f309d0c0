import type { ImageRef } from "../images/image-ref.js";
import { text, type ContentPart, type ModelMessage } from "../models/messages.js";
import type { PlanStep } from "./plan.js";
import type { CitedResult } from "./fill-placeholders.js";
import { shorten } from "./planner-prompt.js";

/** What a reasoning (`none`) step of a plan is given. */
export interface ReasoningStepInput {
  question: string;
  images: readonly ImageRef[];
  step: number;
  plan: PlanStep;
  /** Results it may use (cited steps; every step for the final one). */
  results: readonly CitedResult[];
  /** True for the plan's final step, which gives the answer. */
  final: boolean;
  /** Steps that failed or were skipped, for the final step to weigh. */
  missing?: readonly string[];
  maxResultChars?: number;
}

/**
 * The conversation of a reasoning step: images, question, the results it builds on, and the
 * step's instruction. The final step must end with `<answer>…</answer>`.
 */
export function reasoningStepMessages(input: ReasoningStepInput): ModelMessage[] {
  const max = input.maxResultChars ?? 6000;
  const images: ContentPart[] = input.images.map((ref, i) => ({ type: "image", ref, label: i === 0 ? "original image" : `image ${i + 1}` }));
  const results = input.results.map((r) => `Step ${r.step} (${r.plan.tool_name}: ${r.plan.description}):\n${shorten(r.text, max)}`).join("\n\n");
  const system = input.final
    ? "You are carrying out the last step of a plan: check the evidence gathered by the earlier steps against the question and the image, then answer. Think inside <think>...</think>, then give the final answer inside <answer>...</answer>."
    : "You are carrying out a reasoning step of a plan: analyse the results of the earlier steps as the step asks. Think inside <think>...</think>, then write your conclusion after it, briefly.";
  const body = [
    `Question: ${input.question}`,
    "",
    "Results so far:",
    results || "(no results)",
    ...(input.missing?.length ? ["", `Steps without a result: ${input.missing.join("; ")}`] : []),
    "",
    `Step ${input.step}: ${input.plan.description}`,
  ].join("\n");
  return [
    { role: "system", content: [text(system)] },
    { role: "user", content: [...images, text(body)] },
  ];
}

/** The reasoning and the conclusion (or answer) of a reasoning step's output. */
export function readReasoning(output: string): { thought: string; conclusion: string; answered: boolean } {
  const thought = (/<think>([\s\S]*?)(?:<\/think>|$)/i.exec(output)?.[1] ?? "").trim();
  const answers = [...output.matchAll(/<answer>([\s\S]*?)(?:<\/answer>|$)/gi)];
  const last = answers.at(-1);
  if (last) return { thought, conclusion: (last[1] ?? "").trim(), answered: true };
  const rest = output.replace(/<think>[\s\S]*?(?:<\/think>|$)/gi, "").trim();
  return { thought, conclusion: rest || thought, answered: false };
}

import type { ImageRef } from "../images/image-ref.js";
import type { ImageStore } from "../images/image-store.js";
import type { ModelImageSizing } from "../images/model-input-size.js";
import type { Usage } from "../state/trajectory.js";
import type { PlanStep } from "./plan.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import type { PlanDependencies } from "./plan-dependencies.js";

/** A step already done when a plan is revised, with what it found. */
export interface DoneStep {
  /** Its number in the revised plan. */
  step: number;
  plan: PlanStep;
  /** What it found (the observation or the reasoning, possibly shortened). */
  result: string;
}

/** What a replan is told: the steps done so far and what went wrong. */
export interface ReplanRequest {
  /** Steps done and kept, renumbered from 1; the new steps follow them. */
  done: DoneStep[];
  /** The step that failed or found nothing, as it was planned. */
  failed: PlanStep;
  /** Why it failed ("text_search found nothing", the error message...). */
  problem: string;
}

/** What a planner is asked: a question, its images, the tools the executor has. */
export interface PlannerInput {
  question: string;
  images: readonly ImageRef[];
  tools: ToolRegistry;
  /** Where the images' bytes are. */
  imageStore: ImageStore;
  /** How images are sized for the model (default Qwen2.5-VL's). */
  sizing?: ModelImageSizing;
  /** Present when revising a plan after a failed step. */
  replan?: ReplanRequest;
  signal?: AbortSignal;
}

/** A validated plan from a planner. */
export interface PlannerResult {
  /** The whole plan in the executor's form (for a replan: the done steps, then the new ones). */
  steps: PlanStep[];
  dependencies: PlanDependencies;
  thought: string;
  /** The planner's last output as it came. */
  raw: string;
  /** Model calls made (1, or 2 after a repair round). */
  attempts: number;
  usage: Usage;
  /** `provider:model` of the planner. */
  planner: string;
}

/**
 * The planner extension point, version `v1`: turns a question and images into a validated plan
 * (or revises one after a failure). Invalid output gets one repair round; then the planner
 * throws `plan_invalid` with the issues in `details.issues`.
 *
 * Ready planners: `modelPlanner` (R1V4's plan-mode prompt over any `ModelBackend`) and
 * `structuredOutputPlanner` (native structured output of a LangChain chat model).
 *
 * @example
 * ```ts
 * import type { Planner } from "interleaf";
 *
 * const fixed: Planner = {
 *   specificationVersion: "v1",
 *   name: "fixed",
 *   async plan() {
 *     const steps = [{ description: "Answer directly", tool_name: "none", parameters: {} }];
 *     return { steps, dependencies: { needs: [[]], waves: [[1]] }, thought: "", raw: "", attempts: 0, usage: { inputTokens: 0, outputTokens: 0 }, planner: "fixed" };
 *   },
 * };
 * ```
 */
export interface Planner {
  readonly specificationVersion: "v1";
  /** Who plans (`provider:model`). */
  readonly name: string;
  plan(input: PlannerInput): Promise<PlannerResult>;
}

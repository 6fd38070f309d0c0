import type { Box } from "../images/coordinates.js";
import { ImageGallery } from "../images/gallery.js";
import type { ImageRef } from "../images/image-ref.js";
import { originBox } from "../images/origin-box.js";
import type { PlanVersion } from "../planning/plan.js";
import { planConsistencyOf } from "../planning/plan-consistency-of.js";
import type { PlanConsistencyReport } from "../planning/plan-consistency.js";
import { planDependencies } from "../planning/plan-dependencies.js";
import { resultsOf, type PlanStepResult, type PlanStepStatus } from "../planning/plan-step-result.js";
import type { AgentStateValue } from "../state/agent-state.js";
import type { Counters, Stop } from "../state/budgets.js";
import type { TrajectoryStep } from "../state/trajectory.js";

/** A place on an input image the agent looked at: the box a produced image covers there. */
export interface ViewRegion {
  /** Unique on the page: `r<step>-<n>`. */
  id: string;
  /** The trajectory step whose tool call produced the image. */
  step: number;
  callId: string;
  imageId: string;
  /** The name the model knows the produced image by ("observation 2"). */
  label: string;
  /** The operation that made it (`crop`, `zoom`, ...). */
  op: string;
  /** Which input image the box is on (index into `inputs`). */
  input: number;
  /** `[x1, y1, x2, y2]` in that input image's pixels, mapped through the whole provenance chain. */
  box: Box;
}

/** One plan step as the viewer shows it. */
export interface ViewPlanStep {
  number: number;
  description: string;
  tool: string;
  parameters: Record<string, unknown>;
  /** Earlier steps it needs. */
  needs: number[];
  /** `done`, `failed`, `empty`, `skipped` (plan-and-execute results), else from the consistency report, `pending` when nothing ran yet. */
  status: PlanStepStatus | "matched" | "tool_differs" | "parameters_differ" | "not_executed" | "reasoning" | "pending";
  /** The trajectory step that ran it, when known. */
  trajectoryIndex?: number;
}

/** The latest plan of a run, as a dependency graph, with the consistency report. */
export interface ViewPlan {
  version: number;
  reason: string;
  versions: number;
  steps: ViewPlanStep[];
  waves: number[][];
  consistency: PlanConsistencyReport;
}

/**
 * A thread as the viewer renders it: plain data, built once from the state, so every page (a
 * trajectory, a comparison, an eval item) renders from the same shape.
 */
export interface ThreadView {
  threadId: string;
  question: string;
  inputs: ImageRef[];
  steps: TrajectoryStep[];
  /** Every image of the run by id, with the name the model knows it by. */
  labels: ReadonlyMap<string, string>;
  regions: ViewRegion[];
  plan?: ViewPlan;
  answer: string | null;
  stop: Stop | null;
  counters: Counters;
  /** True while a turn's tool calls are running (the run is in progress or was cut off). */
  pending: boolean;
}

/** The state of a thread, agent or plan-and-execute (whose `planResults` give each step's status). */
export type ViewableState = AgentStateValue & { planResults?: Record<string, PlanStepResult> };

/** Builds the {@link ThreadView} of a thread's state. */
export function threadView(threadId: string, state: ViewableState): ThreadView {
  const produced = state.steps.flatMap((step) => step.calls.flatMap((call) => call.observation.images));
  const gallery = new ImageGallery(state.images, produced);
  const labels = new Map<string, string>();
  for (const entry of gallery.entries) if (!labels.has(entry.ref.id)) labels.set(entry.ref.id, entry.label);
  const inputIndex = new Map<string, number>();
  state.images.forEach((ref, i) => inputIndex.has(ref.id) || inputIndex.set(ref.id, i));
  const regions: ViewRegion[] = [];
  for (const step of state.steps) {
    for (const call of step.calls) {
      for (const ref of call.observation.images) {
        const input = ref.origin === undefined ? undefined : inputIndex.get(ref.origin);
        const box = ref.parent === undefined ? undefined : originBox(ref);
        if (input === undefined || !box) continue;
        regions.push({ id: `r${step.index}-${regions.length}`, step: step.index, callId: call.id, imageId: ref.id, label: labels.get(ref.id) ?? "", op: ref.op?.name ?? "", input, box });
      }
    }
  }
  const plan = state.plans.at(-1);
  return {
    threadId,
    question: state.question,
    inputs: state.images,
    steps: state.steps,
    labels,
    regions,
    ...(plan ? { plan: planView(plan, state) } : {}),
    answer: state.answer,
    stop: state.stop,
    counters: state.counters,
    pending: state.pending !== null,
  };
}

function planView(plan: PlanVersion, state: ViewableState): ViewPlan {
  const { needs, waves } = planDependencies(plan.steps);
  const consistency = planConsistencyOf(state as AgentStateValue);
  const results = state.planResults ? resultsOf(state.planResults, plan.version) : new Map<number, PlanStepResult>();
  const steps = plan.steps.map((step, i): ViewPlanStep => {
    const number = i + 1;
    const result = results.get(number);
    const checked = consistency.steps.find((s) => s.step === number);
    const trajectoryIndex = result?.trajectoryIndex ?? checked?.executed?.trajectoryIndex;
    return {
      number,
      description: step.description,
      tool: step.tool_name,
      parameters: step.parameters,
      needs: needs[i] ?? [],
      status: result?.status ?? checked?.status ?? "pending",
      ...(trajectoryIndex !== undefined ? { trajectoryIndex } : {}),
    };
  });
  return { version: plan.version, reason: plan.reason, versions: state.plans.length, steps, waves, consistency };
}

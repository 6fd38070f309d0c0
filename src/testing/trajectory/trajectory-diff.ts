import type { Stop } from "../../state/budgets.js";
import type { TrajectoryStep } from "../../state/trajectory.js";
import { stableStringify } from "../../util/stable-json.js";

/** Anything with a trajectory: an agent state, a `RunResult`. */
export interface TrajectoryLike {
  steps: readonly TrajectoryStep[];
  answer?: string | null;
  stop?: Stop | null;
}

/** A tool call as a trajectory diff compares it. */
export interface ActionSummary {
  name: string;
  arguments: unknown;
  /** The observation text. */
  observation: string;
  /** sha256 ids of the images it produced. */
  images: string[];
  /** The error code, when the call failed. */
  error?: string;
}

/** A step as a trajectory diff compares it: no ids, times, durations or token counts. */
export interface StepSummary {
  index: number;
  kind: TrajectoryStep["kind"];
  thought: string;
  actions: ActionSummary[];
  answer?: string;
  problem?: string;
}

/** How one tool call of a step differs. `fields`: `name`, `arguments`, `observation`, `images`, `error`. */
export interface ActionChange {
  position: number;
  change: "changed" | "added" | "removed";
  before?: ActionSummary;
  after?: ActionSummary;
  fields: string[];
}

/** How one step differs. `fields`: `kind`, `thought`, `actions`, `answer`, `problem`. */
export interface StepChange {
  index: number;
  change: "changed" | "added" | "removed";
  before?: StepSummary;
  after?: StepSummary;
  fields: string[];
  actions: ActionChange[];
}

/** The structured difference of two trajectories, from `before` to `after`. */
export interface TrajectoryDiff {
  /** True when nothing compared differs. */
  same: boolean;
  /** Index of the first step that differs, or null. */
  firstDivergingStep: number | null;
  /** Every differing step, in order. */
  steps: StepChange[];
  answer: { before: string | null; after: string | null; changed: boolean };
  stop: { before: string | null; after: string | null; changed: boolean };
  /** Tool calls made, in order, on each side (`name(arguments)`). */
  actions: { before: string[]; after: string[] };
}

/** What {@link diffTrajectories} compares besides kinds, actions and answers. */
export interface TrajectoryDiffOptions {
  /** Compare thoughts (default true). */
  thoughts?: boolean;
  /** Compare observation texts and images (default true). */
  observations?: boolean;
}

/** A step reduced to what a trajectory diff compares. */
export function summarizeStep(step: TrajectoryStep): StepSummary {
  const out: StepSummary = {
    index: step.index,
    kind: step.kind,
    thought: step.thought,
    actions: step.calls.map((call) => ({
      name: call.name,
      arguments: call.arguments ?? null,
      observation: call.observation.text,
      images: call.observation.images.map((image) => image.id),
      ...(call.observation.error ? { error: call.observation.error.code } : {}),
    })),
  };
  if (step.answer !== undefined) out.answer = step.answer;
  if (step.problem !== undefined) out.problem = step.problem;
  return out;
}

/**
 * Compares two trajectories step by step and call by call, ignoring what differs between equal
 * runs (call ids, timestamps, durations, token counts, model ids): the first diverging step,
 * what changed in each step (kind, thought, tool calls with their arguments, observations and
 * images), and the answer and stop reason.
 *
 * @example
 * ```ts
 * import { diffTrajectories } from "interleaf/testing";
 *
 * const step = (answer: string) => ({ index: 0, kind: "answer" as const, thought: "", raw: "", calls: [], answer, usage: { inputTokens: 0, outputTokens: 0 }, model: { id: "m", startedAt: 0, durationMs: 0 } });
 * const diff = diffTrajectories({ steps: [step("4")], answer: "4" }, { steps: [step("5")], answer: "5" });
 * console.log(diff.firstDivergingStep, diff.answer.changed); // 0 true
 * ```
 */
export function diffTrajectories(before: TrajectoryLike, after: TrajectoryLike, options: TrajectoryDiffOptions = {}): TrajectoryDiff {
  const thoughts = options.thoughts ?? true;
  const observations = options.observations ?? true;
  const a = before.steps.map(summarizeStep);
  const b = after.steps.map(summarizeStep);
  const steps: StepChange[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) {
      steps.push({ index: i, change: x ? "removed" : "added", ...(x ? { before: x } : {}), ...(y ? { after: y } : {}), fields: [], actions: [] });
      continue;
    }
    const fields: string[] = [];
    if (x.kind !== y.kind) fields.push("kind");
    if (thoughts && x.thought !== y.thought) fields.push("thought");
    if (x.answer !== y.answer) fields.push("answer");
    if (x.problem !== y.problem) fields.push("problem");
    const actions = diffActions(x.actions, y.actions, observations);
    if (actions.length > 0) fields.push("actions");
    if (fields.length > 0) steps.push({ index: i, change: "changed", before: x, after: y, fields, actions });
  }
  const answerBefore = before.answer ?? null;
  const answerAfter = after.answer ?? null;
  const stopBefore = before.stop?.reason ?? null;
  const stopAfter = after.stop?.reason ?? null;
  const diff: TrajectoryDiff = {
    same: false,
    firstDivergingStep: steps[0]?.index ?? null,
    steps,
    answer: { before: answerBefore, after: answerAfter, changed: answerBefore !== answerAfter },
    stop: { before: stopBefore, after: stopAfter, changed: stopBefore !== stopAfter },
    actions: { before: a.flatMap(actionLabels), after: b.flatMap(actionLabels) },
  };
  diff.same = steps.length === 0 && !diff.answer.changed && !diff.stop.changed;
  return diff;
}

function diffActions(x: readonly ActionSummary[], y: readonly ActionSummary[], observations: boolean): ActionChange[] {
  const out: ActionChange[] = [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (!p || !q) {
      out.push({ position: i, change: p ? "removed" : "added", ...(p ? { before: p } : {}), ...(q ? { after: q } : {}), fields: [] });
      continue;
    }
    const fields: string[] = [];
    if (p.name !== q.name) fields.push("name");
    if (stableStringify(p.arguments) !== stableStringify(q.arguments)) fields.push("arguments");
    if (observations && p.observation !== q.observation) fields.push("observation");
    if (observations && p.images.join() !== q.images.join()) fields.push("images");
    if (p.error !== q.error) fields.push("error");
    if (fields.length > 0) out.push({ position: i, change: "changed", before: p, after: q, fields });
  }
  return out;
}

function actionLabels(step: StepSummary): string[] {
  return step.actions.map((action) => `${action.name}(${stableStringify(action.arguments)})`);
}

/**
 * A trajectory diff as text for people (test failures, logs).
 *
 * @example
 * ```ts
 * import { diffTrajectories, formatTrajectoryDiff } from "interleaf/testing";
 *
 * console.log(formatTrajectoryDiff(diffTrajectories({ steps: [] }, { steps: [] }))); // "the trajectories are the same"
 * ```
 */
export function formatTrajectoryDiff(diff: TrajectoryDiff): string {
  if (diff.same) return "the trajectories are the same";
  const lines = [`first diverging step: ${diff.firstDivergingStep ?? "none (only the outcome differs)"}`];
  for (const step of diff.steps) {
    if (step.change !== "changed") {
      const s = (step.before ?? step.after) as StepSummary;
      lines.push(`step ${step.index} ${step.change}: ${s.kind}${s.actions.length ? ` ${s.actions.map((a) => a.name).join(", ")}` : ""}${s.answer !== undefined ? ` → ${clip(s.answer)}` : ""}`);
      continue;
    }
    lines.push(`step ${step.index} changed (${step.fields.join(", ")})`);
    if (step.fields.includes("kind")) lines.push(`  kind: ${step.before?.kind} → ${step.after?.kind}`);
    if (step.fields.includes("thought")) lines.push(`  thought: ${clip(step.before?.thought ?? "")} → ${clip(step.after?.thought ?? "")}`);
    for (const action of step.actions) {
      const label = (s?: ActionSummary) => (s ? `${s.name}(${clip(stableStringify(s.arguments))})` : "nothing");
      lines.push(`  call ${action.position} ${action.change}${action.fields.length ? ` (${action.fields.join(", ")})` : ""}: ${label(action.before)} → ${label(action.after)}`);
      if (action.fields.includes("observation")) lines.push(`    observation: ${clip(action.before?.observation ?? "")} → ${clip(action.after?.observation ?? "")}`);
    }
    if (step.fields.includes("answer")) lines.push(`  answer: ${clip(step.before?.answer ?? "")} → ${clip(step.after?.answer ?? "")}`);
  }
  if (diff.answer.changed) lines.push(`answer: ${JSON.stringify(diff.answer.before)} → ${JSON.stringify(diff.answer.after)}`);
  if (diff.stop.changed) lines.push(`stop: ${diff.stop.before} → ${diff.stop.after}`);
  return lines.join("\n");
}

function clip(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

import type { PlanIssue } from "../errors/index.js";
import type { PlanStep } from "./plan.js";
import { placeholdersIn, placeholdersInValue, stepMentionsIn } from "./placeholders.js";
import { plural } from "../util/plural.js";

/**
 * The dependency graph of a plan: for each step (1-based), the earlier steps it needs.
 * A step needs the steps its placeholders cite and the steps its description names; a `none`
 * step (reasoning) that names no step needs every earlier step.
 */
export interface PlanDependencies {
  /** `needs[n - 1]`: the steps step n needs, ascending. */
  needs: number[][];
  /** Groups of steps that can run at the same time, in order: each needs only earlier groups. */
  waves: number[][];
}

/** The step numbers a step cites, without any validity check. */
export function citedSteps(step: PlanStep): number[] {
  const cited = [
    ...placeholdersIn(step.description).flatMap((p) => p.steps),
    ...placeholdersInValue(step.parameters).flatMap((p) => p.steps),
    ...stepMentionsIn(step.description),
  ];
  return [...new Set(cited)].sort((a, b) => a - b);
}

/**
 * Checks a plan's references: a placeholder naming a step that does not exist, the step itself,
 * or a later step is an issue, and so is a cycle (reported once, with its path).
 */
export function checkDependencies(steps: readonly PlanStep[]): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const count = steps.length;
  const edges = new Map<number, number[]>();
  steps.forEach((step, i) => {
    const n = i + 1;
    const cited = citedSteps(step);
    edges.set(n, cited.filter((c) => c >= 1 && c <= count));
    for (const c of cited) {
      if (c < 1 || c > count) issues.push({ step: n, message: `cites Step ${c}, but the plan has ${plural(count, "step")} (1 to ${count}); cite an existing earlier step` });
    }
  });
  const inCycle = new Set<number>();
  for (const cycle of findCycles(edges)) {
    cycle.forEach((n) => inCycle.add(n));
    const first = cycle[0] ?? 0;
    const path = [...cycle, first].map((n) => `Step ${n}`).join(" → ");
    issues.push({
      step: first,
      message: cycle.length === 1 ? `cites itself; a step can only use results of earlier steps` : `is part of a cycle (${path}); each step can only use results of earlier steps`,
    });
  }
  steps.forEach((step, i) => {
    const n = i + 1;
    if (inCycle.has(n)) return;
    for (const c of edges.get(n) ?? []) {
      if (c > n) issues.push({ step: n, message: `cites Step ${c}, which comes later; reorder the steps so that every step only uses earlier results` });
    }
  });
  return issues.sort((a, b) => (a.step ?? 0) - (b.step ?? 0));
}

/**
 * The dependency graph of a valid plan (check it with {@link checkDependencies} first; invalid
 * references are ignored here).
 */
export function planDependencies(steps: readonly PlanStep[]): PlanDependencies {
  const needs = steps.map((step, i) => {
    const n = i + 1;
    const cited = citedSteps(step).filter((c) => c >= 1 && c < n);
    if (cited.length === 0 && step.tool_name === "none") return Array.from({ length: n - 1 }, (_, k) => k + 1);
    return cited;
  });
  const level: number[] = [];
  needs.forEach((deps, i) => (level[i] = deps.reduce((max, d) => Math.max(max, (level[d - 1] ?? 0) + 1), 0)));
  const waves: number[][] = [];
  level.forEach((l, i) => (waves[l] ??= []).push(i + 1));
  return { needs, waves: waves.filter((w) => w && w.length > 0) };
}

/** Every step that depends, directly or not, on `step`. */
export function dependentsOf(needs: readonly number[][], step: number): Set<number> {
  const out = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    needs.forEach((deps, i) => {
      const n = i + 1;
      if (!out.has(n) && deps.some((d) => d === step || out.has(d))) {
        out.add(n);
        grew = true;
      }
    });
  }
  return out;
}

/** Elementary cycles found by depth-first search, each once (as a list of step numbers). */
function findCycles(edges: ReadonlyMap<number, number[]>): number[][] {
  const cycles: number[][] = [];
  const seen = new Set<string>();
  const state = new Map<number, "visiting" | "done">();
  const stack: number[] = [];
  const visit = (node: number) => {
    state.set(node, "visiting");
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === "visiting") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort((a, b) => a - b).join(",");
        if (!seen.has(key)) {
          seen.add(key);
          const start = cycle.indexOf(Math.min(...cycle));
          cycles.push([...cycle.slice(start), ...cycle.slice(0, start)]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort((a, b) => a - b)) if (!state.has(node)) visit(node);
  return cycles;
}

import type { PlanStep } from "./plan.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { stableStringify } from "../util/stable-json.js";
import { toExecutorParameters } from "./executor-parameters.js";
import { placeholdersIn } from "./placeholders.js";
import { plural } from "../util/plural.js";

/** A tool call as it ran, located in the trajectory. */
export interface ExecutedCall {
  trajectoryIndex: number;
  callId: string;
  name: string;
  arguments: unknown;
}

/** How one plan step compares with what ran. */
export interface StepConsistency {
  step: number;
  tool_name: string;
  /** `matched`: same tool and parameters; `reasoning`: a `none` step (no tool call expected). */
  status: "matched" | "tool_differs" | "parameters_differ" | "not_executed" | "reasoning";
  /** The parameters expected: as resolved at run time when known, else as planned. */
  expected: Record<string, unknown>;
  executed?: ExecutedCall;
  /** One line per difference ("queries: planned [...] ran [...]"). */
  differences: string[];
}

/** A step-by-step comparison of a plan with an execution. */
export interface PlanConsistencyReport {
  /** True when every tool step matched and nothing unplanned ran. */
  consistent: boolean;
  steps: StepConsistency[];
  /** Tool calls no plan step accounts for. */
  unplanned: ExecutedCall[];
  /** One line: "4/4 tool steps matched, 0 unplanned calls". */
  summary: string;
}

/** Options of {@link planConsistency}. */
export interface PlanConsistencyOptions {
  /** Parameters as resolved at run time, by step number (plan-and-execute records them). */
  resolved?: ReadonlyMap<number, Record<string, unknown>>;
  /** Call ids linked to plan steps, by step number (plan-and-execute records them). */
  callIds?: ReadonlyMap<number, string>;
  /** The executor's tools, to compare planner parameter names in the executor's form. */
  tools?: ToolRegistry;
}

/**
 * Says, step by step, whether the tool calls of a finished run match a plan: the same tool, and
 * the same parameters (the resolved ones when the run recorded them; otherwise a planned value
 * with a placeholder matches whatever was filled in). Steps are linked to calls by recorded call
 * id, else by the first unused call of the same tool with equal parameters, else of the same
 * tool. Calls left over are reported as unplanned.
 *
 * @example
 * ```ts
 * import { planConsistency } from "interleaf/planning";
 *
 * const report = planConsistency([{ description: "Answer", tool_name: "none", parameters: {} }], []);
 * console.log(report.consistent, report.summary); // true "0/0 tool steps matched, 0 unplanned calls"
 * ```
 */
export function planConsistency(plan: readonly PlanStep[], trajectory: readonly TrajectoryStep[], options: PlanConsistencyOptions = {}): PlanConsistencyReport {
  const calls: ExecutedCall[] = trajectory.flatMap((step) => step.calls.map((call) => ({ trajectoryIndex: step.index, callId: call.id, name: call.name, arguments: call.arguments })));
  const used = new Set<ExecutedCall>();
  const expectedOf = (step: PlanStep, n: number) =>
    options.resolved?.get(n) ?? (options.tools ? toExecutorParameters(options.tools.get(step.tool_name), step.parameters) : step.parameters);
  const steps: StepConsistency[] = plan.map((step, i) => {
    const n = i + 1;
    const expected = expectedOf(step, n);
    if (step.tool_name === "none") return { step: n, tool_name: step.tool_name, status: "reasoning", expected, differences: [] };
    const linkedId = options.callIds?.get(n);
    let call = linkedId ? calls.find((c) => c.callId === linkedId && !used.has(c)) : undefined;
    if (!call) call = calls.find((c) => !used.has(c) && c.name === step.tool_name && compare(expected, c.arguments).length === 0);
    if (!call) call = calls.find((c) => !used.has(c) && c.name === step.tool_name);
    if (!call) return { step: n, tool_name: step.tool_name, status: "not_executed", expected, differences: [`no ${step.tool_name} call ran for this step`] };
    used.add(call);
    if (call.name !== step.tool_name) {
      return { step: n, tool_name: step.tool_name, status: "tool_differs", expected, executed: call, differences: [`planned ${step.tool_name}, ran ${call.name}`] };
    }
    const differences = compare(expected, call.arguments);
    return { step: n, tool_name: step.tool_name, status: differences.length ? "parameters_differ" : "matched", expected, executed: call, differences };
  });
  const unplanned = calls.filter((c) => !used.has(c));
  const toolSteps = steps.filter((s) => s.status !== "reasoning");
  const matched = toolSteps.filter((s) => s.status === "matched").length;
  return {
    consistent: matched === toolSteps.length && unplanned.length === 0,
    steps,
    unplanned,
    summary: `${matched}/${plural(toolSteps.length, "tool step")} matched, ${plural(unplanned.length, "unplanned call")}`,
  };
}

/** Differences between expected parameters and the arguments a call ran with (keys the plan gave only). */
function compare(expected: Record<string, unknown>, actual: unknown): string[] {
  const args = actual && typeof actual === "object" ? (actual as Record<string, unknown>) : {};
  const out: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    if (!(key in args)) {
      out.push(`${key}: planned ${stableStringify(want)}, missing in the call`);
      continue;
    }
    if (!sameValue(want, args[key])) out.push(`${key}: planned ${stableStringify(want)}, ran ${stableStringify(args[key])}`);
  }
  return out;
}

function sameValue(want: unknown, got: unknown): boolean {
  if (typeof want === "string") {
    if (placeholdersIn(want).length > 0) return got !== undefined && got !== null && got !== "";
    return typeof got === "string" && want.trim() === got.trim();
  }
  if (Array.isArray(want)) {
    const list = Array.isArray(got) ? got : [got];
    return want.length === list.length && want.every((w, i) => sameValue(w, list[i]));
  }
  return stableStringify(want) === stableStringify(got);
}

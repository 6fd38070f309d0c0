import type { PlanStep } from "./plan.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import { toPlannerParameters } from "./executor-parameters.js";

/** Options of {@link planFromTrajectory}. */
export interface PlanFromTrajectoryOptions {
  /** The run's question: words from it are never turned into placeholders. */
  question: string;
  /** `executor` (default): parameters as the tools take them; `r1v4`: the planner's singular names for one-element lists. */
  format?: "executor" | "r1v4";
  /** Shortest derived span turned into a placeholder, in characters (default 4). */
  minSpanChars?: number;
}

const STOP = new Set(["the", "a", "an", "of", "in", "on", "at", "for", "to", "and", "or", "is", "was", "with", "by", "from", "what", "who", "which", "where", "when", "how"]);

/**
 * Derives a plan with placeholders from a finished trajectory, the way R1V4's planner data was
 * made from validated executions: every tool call becomes a step (calls of one turn stay
 * independent, so they can run in parallel); an argument span that first appeared in an earlier
 * step's observation (and not in the question) becomes a placeholder citing that step
 * ("[Eiffel Tower, from Step 1]"), as does an image produced by an earlier step
 * ("[observation 1, from Step 2]"); the run's final turn becomes the closing `none` step.
 *
 * @example
 * ```ts
 * import { planFromTrajectory } from "interleaf/planning";
 *
 * console.log(planFromTrajectory([], { question: "?" })); // []
 * ```
 */
export function planFromTrajectory(trajectory: readonly TrajectoryStep[], options: PlanFromTrajectoryOptions): PlanStep[] {
  const minChars = options.minSpanChars ?? 4;
  const question = normalize(options.question);
  const plan: PlanStep[] = [];
  /** Observations so far, with the plan step that produced each. */
  const sources: { step: number; text: string }[] = [];
  /** Produced images by gallery label, with the plan step that produced them. */
  const images = new Map<string, number>();
  for (const turn of trajectory) {
    if (turn.kind === "tool_calls") {
      const added: { step: number; text: string; images: number }[] = [];
      for (const call of turn.calls) {
        const n = plan.length + 1;
        const args = call.arguments && typeof call.arguments === "object" ? (call.arguments as Record<string, unknown>) : {};
        const withPlaceholders = substitute(args, (value) => cite(value, sources, images, question, minChars)) as Record<string, unknown>;
        const parameters = options.format === "r1v4" ? toPlannerParameters(withPlaceholders) : withPlaceholders;
        plan.push({ description: describe(turn.thought, call.name, turn.calls.length), tool_name: call.name, parameters });
        added.push({ step: n, text: call.observation.text, images: call.observation.images.length });
      }
      for (const a of added) {
        sources.push({ step: a.step, text: normalize(a.text) });
        for (let k = 0; k < a.images; k++) images.set(`observation ${images.size + 1}`, a.step);
      }
    } else if (turn.kind === "answer") {
      const cited = plan.length ? ` the results of Steps 1-${plan.length}` : " the image";
      plan.push({ description: `Verify the answer against${cited} and give the final answer. ${firstSentence(turn.thought)}`.trim(), tool_name: "none", parameters: {} });
    }
  }
  return plan;
}

function substitute(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => substitute(v, map));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, map)]));
  return value;
}

/** The value with spans found in earlier observations replaced by placeholders. */
function cite(value: string, sources: readonly { step: number; text: string }[], images: ReadonlyMap<string, number>, question: string, minChars: number): string {
  const label = value.trim().toLowerCase().replace(/[_-]+/g, " ");
  const producer = images.get(label);
  if (producer !== undefined) return `[${value.trim()}, from Step ${producer}]`;
  const tokens = value.trim().split(/\s+/).filter(Boolean);
  if (!tokens.some((t) => /\w/.test(t))) return value;
  let out = "";
  let replaced = false;
  let i = 0;
  while (i < tokens.length) {
    let best: { end: number; step: number } | undefined;
    for (let end = tokens.length; end > i; end--) {
      const span = trimStops(tokens.slice(i, end));
      if (span.length !== end - i) continue;
      const text = normalize(span.join(" "));
      if (text.length < minChars || question.includes(text)) continue;
      const source = sources.find((s) => s.text.includes(text));
      if (source) {
        best = { end, step: source.step };
        break;
      }
    }
    if (best) {
      out += `${out ? " " : ""}[${tokens.slice(i, best.end).join(" ")}, from Step ${best.step}]`;
      i = best.end;
      replaced = true;
    } else {
      out += `${out ? " " : ""}${tokens[i]}`;
      i++;
    }
  }
  return replaced ? out : value;
}

function trimStops(tokens: string[]): string[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && STOP.has(normalize(tokens[start] ?? ""))) start++;
  while (end > start && STOP.has(normalize(tokens[end - 1] ?? ""))) end--;
  return tokens.slice(start, end);
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").trim();
}

function firstSentence(text: string): string {
  const first = /^[^.!?\n]*[.!?]?/.exec(text.trim())?.[0] ?? "";
  return first.length > 200 ? `${first.slice(0, 200)}…` : first;
}

function describe(thought: string, tool: string, calls: number): string {
  const sentence = firstSentence(thought);
  const base = sentence || `Use ${tool}.`;
  return calls > 1 ? `${base} (${tool})` : base;
}

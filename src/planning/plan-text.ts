/** What was found in a planner's output: its reasoning and the plan's JSON value. */
export interface PlanPayload {
  /** The `<think>` text, if any. */
  thought: string;
  /** The parsed JSON, or undefined when none could be read (`problem` says why). */
  value?: unknown;
  problem?: string;
}

const THINK = /<think>([\s\S]*?)(?:<\/think>|$)/i;
const PLAN = /<plan>([\s\S]*?)(?:<\/plan>|$)/i;
const FENCE = /```(?:json|JSON)?\s*([\s\S]*?)```/;

/**
 * Reads a plan out of a planner's text in any of the shapes real planners produce: a bare JSON
 * array, `<think>…</think>` before it, a `<plan>…</plan>` wrapper, a markdown fence, prose around
 * the JSON, trailing commas.
 */
export function extractPlanPayload(text: string): PlanPayload {
  const thought = (THINK.exec(text)?.[1] ?? "").trim();
  let body = text.replace(/<think>[\s\S]*?<\/think>/gi, "");
  const wrapped = PLAN.exec(body);
  if (wrapped) body = wrapped[1] ?? "";
  const fenced = FENCE.exec(body);
  if (fenced) body = fenced[1] ?? "";
  body = body.trim();
  if (body === "") return { thought, problem: "the output holds no plan: write the plan as a JSON array of steps" };
  const direct = tryJson(body);
  if (direct.ok) return { thought, value: direct.value };
  const span = outermostJson(body);
  if (span !== undefined) {
    const inner = tryJson(span);
    if (inner.ok) return { thought, value: inner.value };
    const relaxed = tryJson(span.replace(/,\s*([\]}])/g, "$1"));
    if (relaxed.ok) return { thought, value: relaxed.value };
  }
  return { thought, problem: `the plan is not valid JSON (${direct.error}); write one JSON array of step objects, nothing else` };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The first balanced `[...]` or `{...}` span, string-aware. */
function outermostJson(text: string): string | undefined {
  const start = text.search(/[[{]/);
  if (start < 0) return undefined;
  const open = text[start];
  const close = open === "[" ? "]" : "}";
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === open) depth++;
    else if (c === close && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

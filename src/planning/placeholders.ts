/**
 * A placeholder in a plan step: a bracketed reference to earlier steps, as R1V4's planner writes
 * them ("[Person from Step 1]", "[URLs found in Steps 2 and 3]").
 */
export interface Placeholder {
  /** The whole placeholder, brackets included. */
  text: string;
  /** The step numbers it cites (1-based), in order of appearance. */
  steps: number[];
}

const BRACKETED = /\[([^[\]]+)\]/g;
const STEP_NUMBERS = /\bsteps?\s*#?\s*(\d+(?:\s*(?:,|and|&|-|–|to)\s*\d+)*)/gi;

/** The step numbers a piece of text names ("Step 2", "Steps 1 and 3", "Steps 2-4"), in order. */
export function stepNumbersIn(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(STEP_NUMBERS)) {
    const list = match[1] ?? "";
    for (const part of list.split(/\s*(?:,|and|&)\s*/)) {
      const range = /^(\d+)\s*(?:-|–|to)\s*(\d+)$/.exec(part.trim());
      if (range) {
        const from = Number(range[1]);
        const to = Number(range[2]);
        for (let n = from; n <= Math.min(to, from + 50); n++) out.push(n);
      } else if (/^\d+$/.test(part.trim())) out.push(Number(part.trim()));
    }
  }
  return out;
}

/** The placeholders in a string: bracketed spans that cite a step. */
export function placeholdersIn(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const match of text.matchAll(BRACKETED)) {
    const steps = stepNumbersIn(match[1] ?? "");
    if (steps.length > 0) out.push({ text: match[0], steps });
  }
  return out;
}

/** Every placeholder in a JSON-like value (strings inside objects and arrays, keys excluded). */
export function placeholdersInValue(value: unknown): Placeholder[] {
  if (typeof value === "string") return placeholdersIn(value);
  if (Array.isArray(value)) return value.flatMap(placeholdersInValue);
  if (value && typeof value === "object") return Object.values(value).flatMap(placeholdersInValue);
  return [];
}

/** Step numbers named outside placeholders ("combine the results of Step 2"). */
export function stepMentionsIn(text: string): number[] {
  return stepNumbersIn(text.replace(BRACKETED, " "));
}

/**
 * Rewrites the step numbers inside placeholders and step mentions through `map` (old → new
 * number); numbers the map does not know are left as they are. Used when a replan renumbers the
 * steps already done.
 */
export function renumberSteps<T>(value: T, map: ReadonlyMap<number, number>): T {
  const rewrite = (text: string) =>
    text.replace(STEP_NUMBERS, (whole: string) => whole.replace(/\d+/g, (digits) => String(map.get(Number(digits)) ?? digits)));
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return rewrite(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

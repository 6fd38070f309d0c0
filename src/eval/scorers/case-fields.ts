import { InterleafError } from "../../errors/index.js";
import type { ScoreCase } from "../scorer.js";

/** The case's options by letter: `options` as given, else parsed from `choices` like `"(A) red"`. */
export function optionsOf(scoreCase: ScoreCase): Record<string, string> {
  if (scoreCase.options) return Object.fromEntries(Object.entries(scoreCase.options).map(([letter, text]) => [letter, String(text)]));
  const options: Record<string, string> = {};
  for (const choice of scoreCase.choices ?? []) {
    const match = /^\(([A-Z])\)\s?([\s\S]*)$/.exec(choice);
    if (match?.[1] !== undefined) options[match[1]] = match[2] ?? "";
  }
  return options;
}

/** The case's choices as listed strings: `choices` as given, else `"(A) red"` built from `options`. */
export function choicesOf(scoreCase: ScoreCase): string[] {
  if (scoreCase.choices) return scoreCase.choices;
  return Object.entries(scoreCase.options ?? {}).map(([letter, text]) => `(${letter}) ${String(text)}`);
}

/** The gold answer as one string (a letter, a short answer); a one-element list counts as its element. */
export function goldText(scoreCase: ScoreCase): string {
  const gold = Array.isArray(scoreCase.gold) && scoreCase.gold.length === 1 ? scoreCase.gold[0] : scoreCase.gold;
  if (typeof gold === "string") return gold;
  if (typeof gold === "number") return String(gold);
  throw new InterleafError("invalid_argument", `case ${scoreCase.id}: gold must be a string, got ${JSON.stringify(gold)}`, { details: { argument: "gold", value: gold } });
}

/** The gold answers as a list: a string gives one, a list gives its strings. */
export function goldList(scoreCase: ScoreCase): string[] {
  if (typeof scoreCase.gold === "string") return [scoreCase.gold];
  if (Array.isArray(scoreCase.gold)) return scoreCase.gold.filter((gold): gold is string => typeof gold === "string");
  return [goldText(scoreCase)];
}

/** The judge's raw reply a judge-output parser reads: `judge_output`, else `prediction`. */
export function judgeReply(scoreCase: ScoreCase): string {
  return scoreCase.judge_output ?? scoreCase.prediction;
}

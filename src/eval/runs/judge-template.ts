import { createHash } from "node:crypto";
import { InterleafError } from "../../errors/index.js";

/**
 * A judge prompt copied verbatim from an upstream harness, with the names its placeholders use
 * for the question, the gold answer and the answer judged. Filled as Python's `str.format` fills
 * it upstream (`{name}` replaced, `{{` and `}}` become braces).
 */
export interface JudgeTemplate {
  /** Stable id, recorded in every run, e.g. `simple-evals.browsecomp.grader`. */
  readonly id: string;
  readonly text: string;
  /** The placeholder names of the three values. */
  readonly fields: { readonly question: string; readonly gold: string; readonly answer: string };
  /** Where the text was copied from. */
  readonly source: { repo: string; commit: string; path: string; name: string };
}

/**
 * simple-evals' BrowseComp grader prompt (itself from HLE's judge), verbatim: `GRADER_TEMPLATE`
 * of openai/simple-evals@ee3b0318d8d1d9d72755a4120879be65f7c07e9e, browsecomp_eval.py.
 *
 * @example
 * ```ts
 * import { SIMPLE_EVALS_BROWSECOMP_GRADER } from "interleaf/eval";
 *
 * console.log(SIMPLE_EVALS_BROWSECOMP_GRADER.fields.gold); // "correct_answer"
 * ```
 */
export const SIMPLE_EVALS_BROWSECOMP_GRADER: JudgeTemplate = {
  id: "simple-evals.browsecomp.grader",
  source: { repo: "openai/simple-evals", commit: "ee3b0318d8d1d9d72755a4120879be65f7c07e9e", path: "browsecomp_eval.py", name: "GRADER_TEMPLATE" },
  fields: { question: "question", gold: "correct_answer", answer: "response" },
  text: `Judge whether the following [response] to [question] is correct or not based on the precise and unambiguous [correct_answer] below.

[question]: {question}

[response]: {response}

Your judgement must be in the format and criteria specified below:

extracted_final_answer: The final exact answer extracted from the [response]. Put the extracted answer as 'None' if there is no exact, final answer to extract from the response.

[correct_answer]: {correct_answer}

reasoning: Explain why the extracted_final_answer is correct or incorrect based on [correct_answer], focusing only on if there are meaningful differences between [correct_answer] and the extracted_final_answer. Do not comment on any background to the problem, do not attempt to solve the problem, do not argue for any answer different than [correct_answer], focus only on whether the answers match.

correct: Answer 'yes' if extracted_final_answer matches the [correct_answer] given above, or is within a small margin of error for numerical problems. Answer 'no' otherwise, i.e. if there if there is any inconsistency, ambiguity, non-equivalency, or if the extracted answer is incorrect.


confidence: The extracted confidence score between 0|\\%| and 100|\\%| from [response]. Put 100 if there is no confidence score available.`,
};

/**
 * The judge templates known by id (the CLI's `--judge-template`).
 *
 * @example
 * ```ts
 * import { JUDGE_TEMPLATES } from "interleaf/eval";
 *
 * console.log(Object.keys(JUDGE_TEMPLATES)); // ["simple-evals.browsecomp.grader"]
 * ```
 */
export const JUDGE_TEMPLATES: Readonly<Record<string, JudgeTemplate>> = {
  [SIMPLE_EVALS_BROWSECOMP_GRADER.id]: SIMPLE_EVALS_BROWSECOMP_GRADER,
};

/**
 * Fills a judge template as Python's `str.format` would: `{name}` of the three fields replaced,
 * `{{` and `}}` turned into single braces; any other placeholder is `invalid_argument` (upstream
 * would raise `KeyError`).
 *
 * @example
 * ```ts
 * import { fillJudgeTemplate, SIMPLE_EVALS_BROWSECOMP_GRADER } from "interleaf/eval";
 *
 * const prompt = fillJudgeTemplate(SIMPLE_EVALS_BROWSECOMP_GRADER, { question: "Capital of France?", gold: "Paris", answer: "Paris" });
 * console.log(prompt.includes("[correct_answer]: Paris")); // true
 * ```
 */
export function fillJudgeTemplate(template: JudgeTemplate, values: { question: string; gold: string; answer: string }): string {
  const byName: Record<string, string> = { [template.fields.question]: values.question, [template.fields.gold]: values.gold, [template.fields.answer]: values.answer };
  return template.text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, name: string | undefined) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    const value = name === undefined ? undefined : byName[name];
    if (value === undefined) throw new InterleafError("invalid_argument", `judge template ${template.id} has a placeholder {${name ?? ""}} that is none of ${Object.keys(byName).join(", ")}`, { details: { argument: "template" } });
    return value;
  });
}

/** sha256 (hex) of a template's text, recorded with its id so a changed text is never mistaken for the old one. */
export function templateSha256(template: JudgeTemplate): string {
  return createHash("sha256").update(template.text).digest("hex");
}

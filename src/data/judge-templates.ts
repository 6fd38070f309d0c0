import type { DataJudgeTemplate } from "./data-judge.js";

// R1V4's report names these checks but publishes no judge prompts: these templates are interleaf's
// own wording, versioned so that cached verdicts follow the wording they were given for.

/**
 * Does the answer match the ground truth? Inputs: `question`, `gold`, `answer`.
 *
 * @example
 * ```ts
 * import { ANSWER_MATCH_TEMPLATE, fillDataJudgeTemplate } from "interleaf/data";
 *
 * console.log(fillDataJudgeTemplate(ANSWER_MATCH_TEMPLATE, { question: "Q", gold: "4", answer: "four" }).includes("four")); // true
 * ```
 */
export const ANSWER_MATCH_TEMPLATE: DataJudgeTemplate = {
  id: "interleaf.answer-match",
  version: "1",
  text: [
    "You check answers against a ground truth.",
    "Question: {question}",
    "Ground truth: {gold}",
    "Answer to check: {answer}",
    "Does the answer state the same thing as the ground truth (different wording, units written out or an equivalent name are fine; a hedge between several answers is not)?",
    "Reply with one line of reasoning, then `Verdict: yes` or `Verdict: no`.",
  ].join("\n"),
};

/**
 * Does the last thought support the final answer? Inputs: `question`, `thought`, `answer`.
 *
 * @example
 * ```ts
 * import { FINAL_CONSISTENCY_TEMPLATE } from "interleaf/data";
 *
 * console.log(FINAL_CONSISTENCY_TEMPLATE.version); // "1"
 * ```
 */
export const FINAL_CONSISTENCY_TEMPLATE: DataJudgeTemplate = {
  id: "interleaf.final-consistency",
  version: "1",
  text: [
    "You check that an agent's final reasoning agrees with its final answer.",
    "Question: {question}",
    "Final reasoning: {thought}",
    "Final answer: {answer}",
    "Does the reasoning arrive at this answer, without contradicting it?",
    "Reply with one line of reasoning, then `Verdict: yes` or `Verdict: no`.",
  ].join("\n"),
};

/**
 * Does the image (given with the prompt) agree with the reasoning that follows it? Inputs:
 * `question`, `action` (the call that made the image), `thought` (the next thought).
 *
 * @example
 * ```ts
 * import { STEP_CONSISTENCY_TEMPLATE } from "interleaf/data";
 *
 * console.log(STEP_CONSISTENCY_TEMPLATE.id); // "interleaf.step-consistency"
 * ```
 */
export const STEP_CONSISTENCY_TEMPLATE: DataJudgeTemplate = {
  id: "interleaf.step-consistency",
  version: "1",
  text: [
    "You check one step of an agent that looks at images. The image above was produced by this action: {action}",
    "The agent's question: {question}",
    "What the agent thought right after seeing the image: {thought}",
    "Does the image actually show what that thought says it shows? A blank, wrong or misplaced crop followed by a claim to see the target does not.",
    "Reply with one line of reasoning, then `Verdict: yes` or `Verdict: no`.",
  ].join("\n"),
};

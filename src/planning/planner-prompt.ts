import { toPlannerParameters } from "./executor-parameters.js";
import type { ToolRegistry } from "../tools/tool-registry.js";
import { parameterNames } from "./executor-parameters.js";
import type { ReplanRequest } from "./planner.js";

/**
 * The system prompt of R1V4's plan mode (after Table 3 of the Skywork-R1V4 report, in our own
 * words): output one JSON array of steps `{description, tool_name, parameters}`, chained through
 * bracketed placeholders, ending with a reasoning/verification step (`none`). The tools listed
 * are the executor's, with their parameter names in the planner's singular form.
 */
export function r1v4PlannerPrompt(tools: ToolRegistry): string {
  const lines = tools.list().map((tool) => {
    const names = parameterNames(tool) ?? [];
    const singular = toPlannerParameters(Object.fromEntries(names.map((name) => [name, [name]])));
    const shown = Object.fromEntries(Object.keys(singular).map((k) => [k, `<${k}>`]));
    return `- ${tool.name}: ${tool.description} Parameters: ${JSON.stringify(shown)}`;
  });
  return [
    "You are a planning assistant for a multimodal agent. Given a question and an image, do not answer the question: write the plan of tool calls that will answer it.",
    "",
    "Available tools:",
    ...lines,
    '- none: a reasoning step with no tool (analyse, compare, verify, conclude). Parameters: {}',
    "",
    "Output format: one JSON array, and nothing else. Each element is a step:",
    '{"description": "<what this step does and why>", "tool_name": "<one of the tools above, or none>", "parameters": {<the tool\'s parameters>}}',
    "",
    "Rules:",
    "- Use 2 to 10 steps, in the order they should run. Steps that do not depend on each other can run at the same time.",
    '- When a step needs something an earlier step will find, write a placeholder in square brackets that names the step: "[Person identified in Step 1]", "[URL found in Step 2]". Only cite earlier steps.',
    '- Refer to images by name: "original image" for the input image.',
    '- End with a step whose tool_name is "none" that checks the evidence and gives the final answer.',
    "- You may think first inside <think>...</think>; then output the plan inside <plan>...</plan>.",
  ].join("\n");
}

/** The user text of a replan: what was done, what failed, and how to continue. */
export function replanText(question: string, replan: ReplanRequest): string {
  const done = replan.done.length
    ? replan.done.map((d) => `Step ${d.step} (${d.plan.tool_name}): ${d.plan.description}\nResult: ${shorten(d.result, 1500)}`).join("\n\n")
    : "(no step has finished yet)";
  const next = replan.done.length + 1;
  return [
    question,
    "",
    "A plan for this question is being carried out. Steps done so far:",
    done,
    "",
    `This step failed: ${replan.failed.description} (tool ${replan.failed.tool_name}, parameters ${JSON.stringify(replan.failed.parameters)})`,
    `Problem: ${replan.problem}`,
    "",
    `Write the remaining steps only, as a JSON array; they are numbered from Step ${next}. Try a different way to get what the failed step was for. Cite the steps done above by their numbers. End with a "none" step that gives the final answer.`,
  ].join("\n");
}

/** The user text of a repair round: the problems, and the request to output the whole plan again. */
export function repairText(problems: string): string {
  return `The plan could not be used:\n${problems}\nWrite the whole plan again as one valid JSON array of steps, fixing these problems.`;
}

/** Text cut to at most `max` characters, marked when cut. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)} …[${text.length - max} more characters]`;
}

import type { ToolRegistry } from "../tools/tool-registry.js";
import type { ReplanRequest } from "./planner.js";

/** The tools Table 3 names, in its order. */
const PLANNER_TOOLS = ["image_search", "text_search", "web_visit"] as const;

/**
 * The system prompt of R1V4's plan mode: Table 3 of the Skywork-R1V4 report, verbatim.
 *
 * Source: {repo: "SkyworkAI/Skywork-R1V", commit: "b806cef", path: "Skywork_R1V4.pdf", table: 3 (page 17)}, as
 * extracted in `/work/shared/reference/r1v4-prompts.md`. Restored, and nothing else: the spaces the PDF
 * lost around bold and italic words ("astep-by-step planthat" → "a step-by-step plan that",
 * "Queryasearchengineforfacts" → "Query a search engine for facts", "tool _name" → "tool_name",
 * "Useimage _searchif" → "Use image_search if", "returnonlythe" → "return only the", ...), runs of
 * spaces inside the JSON example, and the PDF's line wrapping (one line per paragraph of the table).
 *
 * It offers exactly `image_search`, `text_search`, `web_visit` and `none`. With a registry that
 * lacks one of the three tools, the sentences naming that tool are left out (and the example step
 * becomes a `none` step when `image_search` is missing), so the prompt never offers a tool the
 * executor does not have; with all three it is Table 3 byte for byte.
 *
 * @example
 * ```ts
 * import { r1v4PlannerPrompt } from "interleaf/planning";
 * import { ToolRegistry } from "interleaf";
 *
 * console.log(r1v4PlannerPrompt(new ToolRegistry()).startsWith("You are a planning and tool-orchestration assistant.")); // true
 * ```
 */
export function r1v4PlannerPrompt(tools: ToolRegistry): string {
  const has = (name: (typeof PLANNER_TOOLS)[number]) => tools.has(name);
  const offered = PLANNER_TOOLS.filter(has);
  const quoted = [...offered, "none"].map((name) => `"${name}"`);
  const oneOf = quoted.length > 2 ? `${quoted.slice(0, -1).join(", ")}, or ${quoted.at(-1) ?? ""}` : quoted.join(" or ");
  const semantics = [
    has("image_search") ? 'image_search: Identify people/objects/scenes from an image. Parameters: {"image_path": "<path>"}.' : undefined,
    has("text_search") ? 'text_search: Query a search engine for facts. Parameters: {"query": "<query>"}.' : undefined,
    has("web_visit") ? 'web_visit: Extract/verify details from a webpage. Parameters: {"url": "<URL>"}.' : undefined,
    "none: For reasoning/summarization. Parameters: {}.",
  ].filter((line) => line !== undefined);
  const example = has("image_search")
    ? ['"description": "Identify the person shown in the image...",', '"tool_name": "image_search",', '"parameters": {"image_path": "/data/images/person_1.png"}']
    : ['"description": "Analyze the question and identify key entities...",', '"tool_name": "none",', '"parameters": {}'];
  const shaping = [
    'Analyze the question and identify key entities. ("none")',
    has("image_search") ? "If an image is provided, analyze it. Use image_search if external knowledge is needed." : "If an image is provided, analyze it.",
    has("text_search") ? "Use text_search for background facts." : undefined,
    has("web_visit") ? "Use web_visit to verify on authoritative pages." : undefined,
    'Use "none" to reason over findings.',
    'Conclude with a verification step ("none").',
  ].filter((line) => line !== undefined);
  return [
    "You are a planning and tool-orchestration assistant.",
    `Goal: Given a user’s question (and optionally an image), produce a step-by-step plan that solves the task. The plan must be returned exactly in the following assistant content format (a single JSON array string), where each step is an object with three keys: "description": A precise natural-language instruction describing the reasoning or operation. "tool_name": One of ${oneOf} (use "none" when no tool is needed). "parameters": A JSON object containing structured parameters for the tool call (or {} if none).`,
    `Tool semantics: ${semantics.join(" ")} Use tools only when necessary, but be concrete and complete when they help.`,
    "Dependencies & placeholders: When a step depends on prior results, use explicit placeholders like [Person from Step 1] in both description and parameters.",
    "Output format (critical): Return only a single string containing a JSON array of step objects—no extra prose, markdown, or explanations. Example:",
    "[{",
    ...example.map((line) => `  ${line}`),
    "}, ...]",
    'Writing style: Steps must be concise, actionable, and specific. Prefer 2–10 steps. Include a final reasoning/verification step with "tool_name": "none".',
    `Allowed tool names (exact match required): ${quoted.join(", ")}.`,
    "Example shaping:",
    ...shaping.map((line, i) => `${i + 1}. ${line}`),
    "Now produce the plan: Given the user’s input, return only the assistant content string as specified—no other text.",
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

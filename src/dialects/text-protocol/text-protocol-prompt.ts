import type { ToolRegistry } from "../../tools/tool-registry.js";
import { describeBoxes, describeImageNames } from "../prompt-fragments.js";
import { advertisedTools } from "./advertised-tools.js";
import { memoByPair } from "../../util/memo-by-pair.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";

const DEFAULT_INTRO =
  "You are a multimodal assistant that thinks with images and searches the web. Solve the user's question step by step: " +
  "look closer at the image with tools, search for what you cannot see, and use each result to decide the next step.";

/** The sentence that closes every text-protocol prompt: reasoning before any action. */
export function thinkRule(thinkTag: string): string {
  return `YOU MUST include your reasoning within <${thinkTag}>...</${thinkTag}> before taking any action.`;
}

/** The answer's output-format line. */
export function answerLine(answerTag: string): string {
  return `<${answerTag}>your final answer</${answerTag}>`;
}

/**
 * The system prompt of a text-protocol dialect: its own `systemPrompt`, else the built-in one (the
 * tools in prose, where results come back, one output-format line per tool and the answer, and the
 * reasoning rule last).
 */
export function textProtocolPrompt(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string {
  return promptByRegistry(registry, options);
}

// Options and registries never change once made, so the prompt is written once per pair (once per
// run, not once per turn).
const promptByRegistry = memoByPair((registry: ToolRegistry, options: ResolvedTextProtocolOptions) => writePrompt(options, registry));

function writePrompt(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string {
  if (!options.systemPrompt) return builtInPrompt(options, registry);
  const tools = advertisedTools(options, registry);
  return options.systemPrompt({ tools: tools.map(({ name, description, format }) => ({ name, description, format })), registry, options });
}

function builtInPrompt(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string {
  const tools = advertisedTools(options, registry);
  const observationWord = options.renderImageLabel("observation 1").replace(/\s*1$/, "");
  const sections = [options.intro ?? DEFAULT_INTRO, `${describeImageNames(observationWord)} ${describeBoxes(options.coordinates)}`];
  if (tools.length > 0) {
    sections.push(`You can use these tools:\n${tools.map((tool) => `- ${tool.name}: ${tool.description}`).join("\n")}`);
    sections.push(
      options.resultTag
        ? `The result of each tool call comes back to you inside <${options.resultTag}>...</${options.resultTag}>, with any images it produced.`
        : "The result of each tool call comes back to you in the next message, with any images it produced.",
    );
  }
  const guidance = options.guidance?.(registry) ?? [];
  if (guidance.length > 0) sections.push(guidance.join("\n"));
  const formats = [...tools.map((tool) => `- ${tool.name}: ${tool.format}`), `- final answer: ${answerLine(options.answerTag)}`];
  sections.push(`Output format: first your reasoning, then exactly one action per turn:\n${formats.join("\n")}`);
  sections.push(thinkRule(options.thinkTag));
  return sections.join("\n\n");
}

/** A reminder of the output format, appended to the error shown after a malformed turn. */
export function formatReminder(options: ResolvedTextProtocolOptions, registry: ToolRegistry): string {
  const think = `<${options.thinkTag}>your reasoning</${options.thinkTag}>`;
  const tools = advertisedTools(options, registry);
  const action = options.toolCallTag
    ? `<${options.toolCallTag}>{"name": "<tool>", "arguments": {...}}</${options.toolCallTag}>`
    : tools.map((tool) => tool.format).join(" or ");
  return `Write ${think}, then exactly one action: ${action ? `${action} or ` : ""}${answerLine(options.answerTag)}.`;
}

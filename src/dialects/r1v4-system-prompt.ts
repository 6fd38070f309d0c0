import type { ToolRegistry } from "../tools/tool-registry.js";
import { exampleFromSchema } from "./prompt-fragments.js";
import { toolCallLine } from "./text-protocol/advertised-tools.js";

/**
 * Table 1 of the Skywork-R1V4 report, the system prompt R1V4 was trained with for think-with-image
 * and search tasks: {repo: "SkyworkAI/Skywork-R1V", commit: "b806cef", path: "Skywork_R1V4.pdf",
 * table: 1 (page 7)}, as extracted in `/work/shared/reference/r1v4-prompts.md`. Restored, and
 * nothing else: the JSON braces the PDF lost in the format lines (the report's Figures 6–7 show
 * the calls with braces), the hyphen that split `<observa-tion>`, and the PDF's line wrapping.
 * Each tool is `[name, its numbered line, its format line]`.
 */
const TABLE_1_TOOLS: readonly [string, string, string][] = [
  ["image_search", "Image search. This will trigger a Google Lens search using the image to retrieve relevant information.", '{"name": "image_search", "arguments": {"image_paths": ["local image path 1", "local image path 2"]}}'],
  ["text_search", "Text search. This will trigger a Google Search using a carefully crafted query.", '{"name": "text_search", "arguments": {"queries": ["your search query 1", "your search query 2"]}}'],
  ["web_visit", "Web content. This will fetch the detailed webpage content for you to use as additional information.", '{"name": "web_visit", "arguments": {"urls": ["target url 1", "target url 2"]}}'],
  [
    "code",
    "Code execution. You can write Python code inside <code>...</code> to perform image operations (such as cropping, resizing, rotating, color adjustment, denoising, enhancement, etc.) before further processing.",
    '{"name": "code", "arguments": {"code": "your python code here"}}',
  ],
];

/**
 * R1V4's system prompt for an agent's tools: Table 1 verbatim when the agent has exactly Table 1's
 * tools (`image_search`, `text_search`, `web_visit`, `code`). A Table 1 tool the agent lacks is left
 * out (numbered line and format line), so the prompt never offers a tool that is not registered;
 * the agent's other tools (e.g. `zoom`, which R1V4 was not trained with: registering it is the
 * explicit extension) follow Table 1's, in the same two forms.
 */
export function r1v4SystemPrompt(registry: ToolRegistry): string {
  const table = TABLE_1_TOOLS.filter(([name]) => registry.has(name));
  const known = new Set(TABLE_1_TOOLS.map(([name]) => name));
  const specs = new Map(registry.specs().map((spec) => [spec.name, spec]));
  const others = registry
    .list()
    .filter((tool) => !known.has(tool.name))
    .map((tool): [string, string, string] => {
      const example = tool.example ?? exampleFromSchema(specs.get(tool.name)?.parameters ?? {});
      const line = toolCallLine("tool_call", tool.name, example);
      return [tool.name, `${tool.name}. ${tool.description}`, line.slice("<tool_call>".length, -"</tool_call>".length)];
    });
  const tools = [...table, ...others];
  const lines = ["Answer the user’s question based on the provided image."];
  if (tools.length > 0) {
    lines[0] += " Here are some tools you can use if needed:";
    lines.push(...tools.map(([, description], i) => `${i + 1}. ${description}`));
    lines.push("All search results, webpage contents, or code execution outputs will be placed within <observation>...</observation> and returned to you.");
  }
  lines.push("Output format options:");
  lines.push(...tools.map(([, , call]) => `- <think>...</think><tool_call>${call}</tool_call>`));
  lines.push("- <think>...</think><answer>your answer here</answer>");
  lines.push("YOU MUST include your reasoning within <think>...</think> before taking any action.");
  return lines.join("\n");
}

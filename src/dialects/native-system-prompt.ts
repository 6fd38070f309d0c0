import type { CoordinateConvention } from "../images/coordinates.js";
import { describeBoxes, describeImageNames } from "./prompt-fragments.js";

/** What a tool lets the model do, in the prompt's words, for the tools interleaf ships. */
const CAPABILITIES: readonly [readonly string[], string][] = [
  [["zoom", "crop"], "look closer at details by zooming or cropping"],
  [["code"], "run code on images"],
  [["text_search"], "search the web for text"],
  [["image_search"], "search the web with images"],
  [["web_visit"], "read web pages"],
];

/**
 * The system prompt of {@link nativeDialect}: a think-with-images and search assistant. It names
 * only what the agent's tools can do: an agent with only `zoom` is not told it can search.
 */
export function nativeSystemPrompt(coordinates: CoordinateConvention, toolNames: readonly string[]): string {
  const names = new Set(toolNames);
  const can = CAPABILITIES.filter(([tools]) => tools.some((tool) => names.has(tool))).map(([, phrase]) => phrase);
  const tools = toolNames.length > 0 ? `You can call these tools: ${toolNames.join(", ")}. ` : "";
  const uses = can.length > 0 ? `With them you can ${joinPhrases(can)}; call` : "Call";
  const paragraphs = ["You are a multimodal assistant that answers questions about images accurately."];
  if (toolNames.length > 0) paragraphs.push(`${tools}${uses} tools as often as the question needs, and use what each result tells you to decide the next step.`);
  paragraphs.push(describeImageNames(), describeBoxes(coordinates), toolNames.length > 0 ? "When you are done, answer in plain text without calling a tool." : "Answer in plain text.");
  return paragraphs.join("\n\n");
}

function joinPhrases(phrases: readonly string[]): string {
  return phrases.length > 1 ? `${phrases.slice(0, -1).join(", ")} and ${phrases.at(-1) ?? ""}` : (phrases[0] ?? "");
}

import type { CoordinateConvention } from "../images/coordinates.js";
import { describeBoxes, describeImageNames } from "./prompt-fragments.js";

/** The system prompt of {@link nativeDialect}: a think-with-images and search assistant. */
export function nativeSystemPrompt(coordinates: CoordinateConvention, toolNames: readonly string[]): string {
  const tools = toolNames.length > 0 ? `You can call these tools: ${toolNames.join(", ")}. ` : "";
  return [
    "You are a multimodal assistant that thinks with images and searches the web to answer questions accurately.",
    `${tools}Look closer at details by zooming or cropping, run code on images, search for text or images and read web pages; call tools as often as the question needs, and use what each result tells you to decide the next step.`,
    describeImageNames(),
    describeBoxes(coordinates),
    "When you are done, answer in plain text without calling a tool.",
  ].join("\n\n");
}

import { resolveRequestImages } from "../executor/resolve-request-images.js";
import { DEFAULT_MODEL_IMAGE_SIZING } from "../images/model-input-size.js";
import { text, type ContentPart, type ModelMessage } from "../models/messages.js";
import type { PlannerInput } from "./planner.js";
import { r1v4PlannerPrompt, replanText } from "./planner-prompt.js";

/**
 * The conversation a planner starts from: its system prompt, then the images (before the text,
 * as the Skywork API expects) and the question, or the replan request. Image bytes are resolved.
 */
export async function plannerMessages(input: PlannerInput, systemPrompt?: string): Promise<ModelMessage[]> {
  const images: ContentPart[] = input.images.map((ref, i) => ({ type: "image", ref, label: i === 0 ? "original image" : `image ${i + 1}` }));
  const question = input.replan ? replanText(input.question, input.replan) : input.question;
  const messages: ModelMessage[] = [
    { role: "system", content: [text(systemPrompt ?? r1v4PlannerPrompt(input.tools))] },
    { role: "user", content: [...images, text(question)] },
  ];
  return (await resolveRequestImages(messages, input.imageStore, input.sizing ?? DEFAULT_MODEL_IMAGE_SIZING)).messages;
}

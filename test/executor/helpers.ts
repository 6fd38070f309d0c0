import { z } from "zod";
import { defineTool, type ImageRef } from "interleaf";

/** Turns in R1V4's text protocol. */
export const call = (name: string, args: Record<string, unknown>, thought = `I will use ${name}.`) =>
  `<think>${thought}</think>\n<tool_call>{"name": "${name}", "arguments": ${JSON.stringify(args)}}</tool_call>`;
export const answer = (text: string, thought = "I have what I need.") => `<think>${thought}</think>\n<answer>${text}</answer>`;

/** A tool that describes the image it is pointed at, counting its executions. */
export function describeTool(log: string[] = []) {
  return defineTool({
    name: "describe",
    description: "Tells the size of an image the model names.",
    input: z.object({ image: z.string().optional(), note: z.string().default("") }),
    example: { image: "original image" },
    async execute({ image, note }, context) {
      log.push(`${image ?? "original"}:${note}`);
      const ref: ImageRef = context.gallery.resolve(image);
      return { text: `${context.gallery.labelOf(ref.id)} is ${ref.width}×${ref.height}${note ? ` (${note})` : ""}`, data: { width: ref.width, height: ref.height } };
    },
  });
}

import type { Dialect } from "../../dialects/dialect.js";
import { InterleafError } from "../../errors/index.js";
import type { ImageRef } from "../../images/image-ref.js";
import { runGallery } from "../../images/run-gallery.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import type { TrajectoryRecord } from "../trajectory-record.js";

/** A piece of a training message: text, or an image by id (written as a file at export). */
export type TrainingPart = { type: "text"; text: string } | { type: "image"; ref: ImageRef };

/** One message of a training conversation. */
export interface TrainingMessage {
  role: "system" | "user" | "assistant";
  parts: TrainingPart[];
}

/** A trajectory as the conversation its model was trained to produce. */
export interface TrainingConversation {
  id: string;
  messages: TrainingMessage[];
}

/**
 * A trajectory as the dialect itself would replay it to the model, ending with the answer turn:
 * the system prompt, the question with its images, then each assistant turn (as the model wrote
 * it, closing tags the stop sequence cut restored) and each observation. So a fine-tuned model
 * sees exactly the format it will be served with. Consecutive messages of the same role (a step
 * the graph ran on its own, after the question) are joined, as training formats require turns to
 * alternate. Needs a text dialect: the native dialect's tool calls are not text.
 *
 * @example
 * ```ts
 * import { r1v4Dialect, ToolRegistry } from "interleaf";
 * import { trainingConversation, trajectoryRecord } from "interleaf/data";
 *
 * const record = trajectoryRecord("t1", {
 *   question: "2 + 2?",
 *   steps: [{ index: 0, kind: "answer", thought: "Easy.", raw: "<think>Easy.</think>\n<answer>4</answer>", calls: [], answer: "4", usage: { inputTokens: 0, outputTokens: 0 }, model: { id: "m", startedAt: 0, durationMs: 0 } }],
 *   answer: "4",
 * });
 * const conversation = trainingConversation(record, r1v4Dialect(), new ToolRegistry([]));
 * console.log(conversation.messages.map((m) => m.role)); // ["system", "user", "assistant"]
 * ```
 */
export function trainingConversation(record: TrajectoryRecord, dialect: Dialect, tools: ToolRegistry): TrainingConversation {
  const request = dialect.buildRequest({ question: record.question, images: record.images, steps: record.steps, tools, gallery: runGallery(record) });
  const messages: TrainingMessage[] = [];
  for (const message of request.messages) {
    if (message.role === "tool" || (message.role === "assistant" && message.toolCalls && message.toolCalls.length > 0)) {
      throw new InterleafError("invalid_argument", `the ${dialect.name} dialect calls tools natively, not in text: export its trajectories with a text dialect (r1v4, deepeyes, thyme, ...)`);
    }
    const parts: TrainingPart[] = message.content.map((part) => (part.type === "text" ? { type: "text", text: part.text } : { type: "image", ref: part.ref }));
    const previous = messages.at(-1);
    if (previous && previous.role === message.role) previous.parts.push({ type: "text", text: "\n" }, ...parts);
    else messages.push({ role: message.role, parts });
  }
  return { id: record.threadId, messages };
}

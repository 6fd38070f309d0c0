import { text, type ContentPart, type ModelMessage } from "../../models/messages.js";
import type { ToolCallRecord, TrajectoryStep } from "../../state/trajectory.js";
import type { DialectInput } from "../dialect.js";
import { labelledImages, questionImages } from "../image-parts.js";
import { introduceGraphToolCalls } from "../graph-step.js";
import { inlineJson } from "../inline-json.js";
import { observationText } from "../observation-text.js";
import { formatReminder, textProtocolPrompt } from "./text-protocol-prompt.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";

/** The whole conversation of a text-protocol dialect: prompt, question, then every step replayed. */
export function textProtocolMessages(options: ResolvedTextProtocolOptions, input: DialectInput): ModelMessage[] {
  const prompt = textProtocolPrompt(options, input.tools);
  const messages: ModelMessage[] = [
    { role: "system", content: [text(input.instructions ? `${prompt}\n\n${input.instructions}` : prompt)] },
    { role: "user", content: [...questionImages(input.images, input.gallery), text(input.question)] },
  ];
  for (const step of input.steps) {
    if (step.source === "graph") {
      messages.push({ role: "user", content: [text(introduceGraphToolCalls(step)), ...step.calls.flatMap((call) => resultContent(call, options, input))] });
      continue;
    }
    messages.push({ role: "assistant", content: [text(replayText(step, options))] });
    if (step.kind === "tool_calls") {
      const note = step.note ? [text(`\n${step.note}`)] : [];
      const verbatim = step.executedBy === "server";
      messages.push({ role: "user", content: [...step.calls.flatMap((call) => resultContent(call, options, input, verbatim)), ...note] });
    } else if (step.kind === "malformed") {
      const message = `Error: your previous turn could not be used: ${step.problem ?? "it was not understood"}. ${formatReminder(options, input.tools)}`;
      messages.push({ role: "user", content: wrap(options.resultTag, [text(message)]) });
    }
  }
  return messages;
}

/** A call's result as the model reads it; a server step's result is replayed as the server wrote it, not rendered again. */
function resultContent(call: ToolCallRecord, options: ResolvedTextProtocolOptions, input: DialectInput, verbatim = false): ContentPart[] {
  const body = verbatim ? call.observation.text : options.renderResult(call, observationText(call.observation));
  return wrap(options.resultTag, [text(body), ...labelledImages(call.observation.images, input.gallery, options.renderImageLabel)]);
}

function wrap(tag: string, parts: ContentPart[]): ContentPart[] {
  if (!tag) return parts;
  return [text(`<${tag}>\n`), ...parts, text(`\n</${tag}>`)];
}

/** The assistant turn as the model wrote it, with a tool-call tag a stop sequence cut off closed again. */
function replayText(step: TrajectoryStep, options: ResolvedTextProtocolOptions): string {
  const tag = options.toolCallTag;
  if (step.raw.trim() !== "") {
    if (!tag) return step.raw;
    const opens = step.raw.split(`<${tag}>`).length - 1;
    const closes = step.raw.split(`</${tag}>`).length - 1;
    return opens > closes ? `${step.raw.trimEnd()}</${tag}>` : step.raw;
  }
  const think = `<${options.thinkTag}>${step.thought}</${options.thinkTag}>`;
  if (step.kind === "answer") return `${think}\n<${options.answerTag}>${step.answer ?? ""}</${options.answerTag}>`;
  if (step.kind === "tool_calls" && tag) {
    return [think, ...step.calls.map((call) => `<${tag}>${inlineJson({ name: call.name, arguments: call.arguments })}</${tag}>`)].join("\n");
  }
  return think;
}

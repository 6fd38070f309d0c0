import { text, type ContentPart, type ImagePart, type ModelMessage } from "../../models/messages.js";
import type { ToolCallRecord, TrajectoryStep } from "../../state/trajectory.js";
import type { DialectInput } from "../dialect.js";
import { imagePart, labelledImages, questionImages } from "../image-parts.js";
import { introduceGraphToolCalls } from "../graph-step.js";
import { inlineJson } from "../inline-json.js";
import { observationText } from "../observation-text.js";
import { formatReminder, textProtocolPrompt } from "./text-protocol-prompt.js";
import type { ResolvedTextProtocolOptions } from "./text-protocol-options.js";

/** The whole conversation of a text-protocol dialect: prompt, question, then every step replayed. */
export function textProtocolMessages(options: ResolvedTextProtocolOptions, input: DialectInput): ModelMessage[] {
  const prompt = textProtocolPrompt(options, input.tools);
  const system = [prompt, input.instructions ?? ""].filter((part) => part !== "").join("\n\n");
  // An empty prompt sends no system message: the chat template's default applies, as in loops that send none.
  const messages: ModelMessage[] = system === "" ? [] : [{ role: "system", content: [text(system)] }];
  messages.push({ role: "user", content: firstUserContent(options, input) });
  let round = 0;
  for (const step of input.steps) {
    if (step.source !== "graph" && step.kind === "tool_calls") round++;
    messages.push(...stepMessages(step, round, options, input));
  }
  return options.continueTurns ? oneAssistantMessage(messages) : messages;
}

/**
 * A loop that keeps one assistant message for the whole reply (Thyme's): from the model's first
 * turn on, its turns and the results appended to them are one message, which the model continues.
 */
function oneAssistantMessage(messages: ModelMessage[]): ModelMessage[] {
  const first = messages.findIndex((message) => message.role === "assistant");
  if (first < 0) return messages;
  const content = messages.slice(first).flatMap((message) => message.content);
  return [...messages.slice(0, first), { role: "assistant", content }];
}

function firstUserContent(options: ResolvedTextProtocolOptions, input: DialectInput): ContentPart[] {
  const images = questionImages(input.images, input.gallery);
  return options.firstUserContent ? options.firstUserContent(input.question, images) : [...images, text(input.question)];
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

/** What a step's messages were built from, besides the step itself. */
interface BuiltStep {
  round: number;
  question: string;
  images: DialectInput["images"];
  tools: DialectInput["tools"];
  messages: ModelMessage[];
}

const builtSteps = new WeakMap<ResolvedTextProtocolOptions, WeakMap<TrajectoryStep, BuiltStep>>();

/**
 * The messages a step adds to the conversation, built once per step: a run's steps do not change,
 * and every turn replays all of them. (An image's label depends only on the images before it,
 * which do not change either.) Built again when the question, input images, tools or round differ
 * (another run over the same step objects).
 */
function stepMessages(step: TrajectoryStep, round: number, options: ResolvedTextProtocolOptions, input: DialectInput): ModelMessage[] {
  let byStep = builtSteps.get(options);
  if (!byStep) builtSteps.set(options, (byStep = new WeakMap()));
  const built = byStep.get(step);
  if (built && built.round === round && built.question === input.question && built.images === input.images && built.tools === input.tools) return built.messages;
  const messages = writeStepMessages(step, round, options, input);
  byStep.set(step, { round, question: input.question, images: input.images, tools: input.tools, messages });
  return messages;
}

function writeStepMessages(step: TrajectoryStep, round: number, options: ResolvedTextProtocolOptions, input: DialectInput): ModelMessage[] {
  if (step.source === "graph") {
    return [{ role: "user", content: [text(introduceGraphToolCalls(step)), ...step.calls.flatMap((call) => resultContent(call, options, input))] }];
  }
  const messages: ModelMessage[] = [{ role: "assistant", content: [text(replayText(step, options))] }];
  if (step.kind === "tool_calls" && options.observationContent) {
    const images: ImagePart[] = step.calls.flatMap((call) => call.observation.images.map((ref, i) => imagePart(ref, input.gallery, `image ${i + 1}`)));
    const texts = step.calls.map((call) => options.renderResult(call, observationText(call.observation)));
    // A note interleaf added (calls capped by a budget) is no part of the loop's framing, but the model must see it.
    const note = step.note ? [text(`\n${step.note}`)] : [];
    messages.push({ role: "user", content: [...options.observationContent({ question: input.question, step, round, texts, images }), ...note] });
  } else if (step.kind === "tool_calls") {
    const note = step.note ? [text(`\n${step.note}`)] : [];
    const verbatim = step.executedBy === "server";
    messages.push({ role: "user", content: [...step.calls.flatMap((call) => resultContent(call, options, input, verbatim)), ...note] });
  } else if (step.kind === "malformed" && options.malformedContent) {
    messages.push({ role: "user", content: options.malformedContent(step.problem ?? "") });
  } else if (step.kind === "malformed") {
    const message = `Error: your previous turn could not be used: ${step.problem ?? "it was not understood"}. ${formatReminder(options, input.tools)}`;
    messages.push({ role: "user", content: wrap(options.resultTag, [text(message)]) });
  }
  return messages;
}

/**
 * The assistant turn as the model wrote it, with the action tag a stop sequence cut off closed
 * again (`</tool_call>`, `</code>`, `</grounding>`, `</text_search>`, ...).
 */
function replayText(step: TrajectoryStep, options: ResolvedTextProtocolOptions): string {
  const tag = options.toolCallTag;
  if (step.raw.trim() !== "") return closeCutTag(step.raw, [...(tag ? [tag] : []), ...options.tags.map((action) => action.tag)]);
  const think = `<${options.thinkTag}>${step.thought}</${options.thinkTag}>`;
  if (step.kind === "answer") return `${think}\n<${options.answerTag}>${step.answer ?? ""}</${options.answerTag}>`;
  if (step.kind === "tool_calls" && tag) {
    return [think, ...step.calls.map((call) => `<${tag}>${inlineJson({ name: call.name, arguments: call.arguments })}</${tag}>`)].join("\n");
  }
  return think;
}

/** The raw turn with its last action tag closed when a stop sequence removed the closing tag. */
function closeCutTag(raw: string, tags: readonly string[]): string {
  let last: { tag: string; at: number } | undefined;
  for (const tag of tags) {
    const at = raw.lastIndexOf(`<${tag}>`);
    if (at >= 0 && (!last || at > last.at)) last = { tag, at };
  }
  if (!last || raw.indexOf(`</${last.tag}>`, last.at) >= 0) return raw;
  // The stop sequence removed exactly the closing tag: whatever the model wrote before it stays as written.
  return `${raw}</${last.tag}>`;
}

import type { CoordinateConvention } from "../../images/coordinates.js";
import type { ContentPart, ImagePart } from "../../models/messages.js";
import type { TrajectoryStep } from "../../state/trajectory.js";
import { parseJsonLocated } from "../json-location.js";
import type { ToolCallRecord } from "../../state/trajectory.js";
import type { ToolRegistry } from "../../tools/tool-registry.js";
import type { ArgumentObject } from "../tool-arguments.js";

/**
 * A tool name a model was trained with, mapped to one of the agent's tools: DeepEyes writes
 * `image_zoom_in_tool`, which interleaf runs as `zoom`.
 */
export interface ToolAlias {
  /** The name as the model writes it inside `<tool_call>`. */
  name: string;
  /** The agent's tool that runs it. */
  tool: string;
  /** Turns the model's arguments into the tool's. Default: unchanged. */
  mapArguments?: (args: Record<string, unknown>) => Record<string, unknown>;
  /**
   * When set, the system prompt offers the tool under this alias (in the model's own terms)
   * instead of under its own name. Aliases without a description are accepted but not offered.
   */
  description?: string;
  /** Example arguments in the model's own terms, for the prompt. */
  example?: Record<string, unknown>;
}

/**
 * An action written as its own tag, `<text_search>query</text_search>` or
 * `<code>…</code>`, whose body becomes the arguments of one of the agent's tools.
 */
export interface TagAction {
  /** The tag name without brackets. */
  tag: string;
  /** The agent's tool that runs it. */
  tool: string;
  /** Turns the tag's body into the tool's arguments, or says what is wrong with it. */
  toArguments: (body: string) => ArgumentObject;
  /** The output-format line shown in the prompt. Tags without one are accepted but not offered. */
  format?: string;
  /** What the tag does, for the prompt. Default: the tool's description. */
  description?: string;
}

/** What a text-protocol system prompt is built from. */
export interface TextProtocolPromptContext {
  /** The tools offered, in the model's terms, each with its output-format line. */
  tools: { name: string; description: string; format: string }[];
  /** The agent's tools. */
  registry: ToolRegistry;
  options: ResolvedTextProtocolOptions;
}

/**
 * The settings of a text-protocol dialect: which tags carry reasoning, actions, answers and
 * results, how boxes are written, and how foreign tool names map onto the agent's tools.
 */
export interface TextProtocolOptions {
  /** The dialect's name (`r1v4`, `deepeyes`, ...). */
  name: string;
  /** Tag holding the reasoning. Default `think`. */
  thinkTag?: string;
  /** Tag holding the final answer. Default `answer`. */
  answerTag?: string;
  /** Tag wrapping tool results. Default `observation`; `""` for no wrapper (Mini-o3). */
  resultTag?: string;
  /** Tag holding JSON tool calls `{"name", "arguments"}`. Default `tool_call`; `null` for none. */
  toolCallTag?: string | null;
  /** How the model writes boxes. Default `pixels`. */
  coordinates?: CoordinateConvention;
  /** Foreign tool names accepted inside the tool-call tag. */
  aliases?: readonly ToolAlias[];
  /** Actions written as their own tags. */
  tags?: readonly TagAction[];
  /** Whether a turn without the think tag is malformed. Default true. */
  requireThink?: boolean;
  /** Stop sequences sent with every request. Default: the closing tool-call tag. */
  stop?: readonly string[];
  /**
   * Actions run from one turn. A turn with more (the model ignored the stop sequence and went on
   * writing actions before any result came back) is cut after them, with a note the model reads
   * next turn. Default 1, as every trained loop runs one action per turn.
   */
  actionsPerTurn?: number;
  /** The word produced images are called by ("observation" → "observation 2"). */
  renderImageLabel?: (label: string) => string;
  /** Renders a call's result text (e.g. code results as JSON). Default: the text as is. */
  renderResult?: (call: ToolCallRecord, text: string) => string;
  /** First paragraph of the built-in system prompt. */
  intro?: string;
  /** Extra lines for the built-in system prompt, given the agent's tools. */
  guidance?: (registry: ToolRegistry) => string[];
  /**
   * Replaces the built-in system prompt. Called once per tool registry (the prompt is the same
   * for every turn of a run), so it must depend on its argument only.
   */
  systemPrompt?: (context: TextProtocolPromptContext) => string;
  /**
   * Replaces the first user message (default: the question's images, then the question): a
   * released loop's own framing of the question, e.g. DeepEyes' format reminder after it.
   */
  firstUserContent?: (question: string, images: ContentPart[]) => ContentPart[];
  /**
   * Replaces the user message that carries one turn's results (default: each result in the
   * result tag, images labelled): a released loop's own observation framing. `round` counts the
   * model's tool turns from 1; `images` are the turn's produced images in order, unlabelled.
   */
  observationContent?: (turn: { question: string; step: TrajectoryStep; round: number; texts: string[]; images: ImagePart[] }) => ContentPart[];
  /** Replaces the message after an unusable turn (default: the problem and a format reminder). */
  malformedContent?: (problem: string) => ContentPart[];
  /** Reads the body of a tool-call tag. Default: JSON (DeepEyes' loop reads it with Python's `eval()`). */
  readCallBody?: (body: string) => { ok: true; value: unknown } | { ok: false; problem: string };
  /**
   * Endings that finish a run without an answer tag, as the released loop allows (MMSearch-R1's
   * "Unable to answer due to lack of relevant information"): a turn with no action that ends
   * with one of them is an answer of that text.
   */
  answerPhrases?: readonly string[];
  /** Sampling settings sent with every request, as the released loop sets them. */
  sampling?: { temperature?: number; topP?: number; maxTokens?: number };
  /**
   * Whether a turn that continues an earlier turn's open reasoning tag (Thyme keeps one `<think>`
   * open across a whole reply, code rounds inside it) needs no reasoning tag of its own. Default false.
   */
  thinkSpansTurns?: boolean;
  /**
   * The loop keeps one assistant message for the whole reply: each result is appended to the
   * model's own message, which the model then continues (`continueFinalMessage`), as Thyme's does.
   */
  continueTurns?: boolean;
}

/**
 * {@link TextProtocolOptions} with every default filled in; `intro`, `guidance` and
 * `systemPrompt` have no default (without them the built-in prompt is used).
 */
export type ResolvedTextProtocolOptions = Required<
  Omit<TextProtocolOptions, "intro" | "guidance" | "systemPrompt" | "firstUserContent" | "observationContent" | "malformedContent" | "sampling">
> &
  Pick<TextProtocolOptions, "intro" | "guidance" | "systemPrompt" | "firstUserContent" | "observationContent" | "malformedContent" | "sampling">;

/** Fills in the defaults of {@link TextProtocolOptions}. */
export function resolveTextProtocolOptions(options: TextProtocolOptions): ResolvedTextProtocolOptions {
  const toolCallTag = options.toolCallTag === undefined ? "tool_call" : options.toolCallTag;
  return {
    ...options,
    thinkTag: options.thinkTag ?? "think",
    answerTag: options.answerTag ?? "answer",
    resultTag: options.resultTag ?? "observation",
    toolCallTag,
    coordinates: options.coordinates ?? "pixels",
    aliases: options.aliases ?? [],
    tags: options.tags ?? [],
    requireThink: options.requireThink ?? true,
    stop: options.stop ?? (toolCallTag ? [`</${toolCallTag}>`] : []),
    actionsPerTurn: Math.max(1, options.actionsPerTurn ?? 1),
    renderImageLabel: options.renderImageLabel ?? ((label) => label),
    renderResult: options.renderResult ?? ((_call, text) => text),
    readCallBody: options.readCallBody ?? parseJsonLocated,
    thinkSpansTurns: options.thinkSpansTurns ?? false,
    continueTurns: options.continueTurns ?? false,
    answerPhrases: options.answerPhrases ?? [],
  };
}

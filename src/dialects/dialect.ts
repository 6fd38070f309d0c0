import type { CoordinateConvention } from "../images/coordinates.js";
import type { ImageGallery } from "../images/gallery.js";
import type { ImageRef } from "../images/image-ref.js";
import type { ToolCallRequest, ModelMessage } from "../models/messages.js";
import type { ModelResponse, ToolSpec } from "../models/model-backend.js";
import type { TrajectoryStep } from "../state/trajectory.js";
import type { ToolRegistry } from "../tools/tool-registry.js";

/** What a dialect needs to build the next request. */
export interface DialectInput {
  question: string;
  /** Input images. */
  images: readonly ImageRef[];
  /** Finished steps, oldest first. */
  steps: readonly TrajectoryStep[];
  tools: ToolRegistry;
  /** Labels of every image seen so far ("original image", "observation 2"). */
  gallery: ImageGallery;
  /** Extra system instructions (plan guidance, house rules), appended to the dialect's prompt. */
  instructions?: string;
}

/** What a dialect builds: the conversation so far, in the model's format. */
export interface DialectRequest {
  messages: ModelMessage[];
  /** Native tool specs, for tool-calling APIs. */
  tools?: ToolSpec[];
  stop?: string[];
  /** Sampling temperature, when the dialect reproduces a loop that sets it. */
  temperature?: number;
  /** Nucleus sampling, when the dialect reproduces a loop that sets it. */
  topP?: number;
  /** Most tokens to generate, when the dialect reproduces a loop that sets it. */
  maxTokens?: number;
  /**
   * The last message is the assistant's own, to be continued rather than answered (Thyme's loop
   * appends sandbox output to the model's message and lets it go on): see `ModelRequest`.
   */
  continueFinalMessage?: boolean;
}

/** A tool call some server already ran, with the observation text its trace holds. */
export interface ExecutedCall {
  name: string;
  arguments: unknown;
  observationText: string;
}

/** A turn that came with its results inside the model's response (a server-side loop's trace). */
export interface ExecutedTurn {
  thought: string;
  /** The turn's text as it appears in the response, without the observations. */
  raw: string;
  calls: ExecutedCall[];
  /** Set when the trace holds a turn interleaf cannot read (recorded as a malformed server step). */
  problem?: string;
}

/**
 * What every parsed turn may carry besides its kind: `executed`, the turns before it that the
 * response already holds with their results (recorded as server-executed steps before this
 * one); `raw`, the turn's own text when the response held more than this turn; and `note`, what
 * the dialect changed about the turn (actions cut), shown to the model with the results.
 */
export interface TurnExtras {
  executed?: ExecutedTurn[];
  raw?: string;
  note?: string;
}

/** A model turn as the dialect understood it. Malformed turns are data, never exceptions. */
export type ParsedTurn =
  | ({ kind: "tool_calls"; thought: string; calls: ToolCallRequest[] } & TurnExtras)
  | ({ kind: "answer"; thought: string; answer: string } & TurnExtras)
  | ({ kind: "malformed"; thought: string; problem: string } & TurnExtras);

/**
 * The dialect extension point, version `v1`: turns tools and a trajectory into a model's prompt
 * format, and the model's output back into actions. Ready dialects: `nativeDialect` (tool-calling
 * APIs) and `r1v4Dialect` (R1V4's `<think>`/`<tool_call>`/`<answer>` text protocol), plus presets
 * for its neighbours.
 */
export interface Dialect {
  readonly specificationVersion: "v1";
  readonly name: string;
  /** How models speaking this dialect write boxes. */
  readonly coordinates: CoordinateConvention;
  buildRequest(input: DialectInput): DialectRequest;
  /**
   * Understands one model response. Unknown tools, broken JSON, a missing `<think>` or no action
   * give `kind: "malformed"` with a `problem` the model is shown next turn.
   */
  parseTurn(response: ModelResponse, tools: ToolRegistry): ParsedTurn;
}

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
  /** Most tokens to generate, when the dialect reproduces a loop that sets it. */
  maxTokens?: number;
}

/** A model turn as the dialect understood it. Malformed turns are data, never exceptions. */
export type ParsedTurn =
  | { kind: "tool_calls"; thought: string; calls: ToolCallRequest[] }
  | { kind: "answer"; thought: string; answer: string }
  | { kind: "malformed"; thought: string; problem: string };

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

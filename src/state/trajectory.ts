import { z } from "zod";
import { ErrorInfoSchema } from "../errors/error-info.js";
import { ImageRefSchema } from "../images/image-ref.js";

/** Token counts of a model call: what a backend reports, what a trajectory step and a `model_turn` event carry. */
export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
});
/**
 * Token counts of a model call.
 *
 * @useDeclaredType
 */
export type Usage = z.infer<typeof UsageSchema>;

/** What a tool call gave back: text for the model, produced images, optional structured data. */
export const ObservationSchema = z.object({
  text: z.string(),
  images: z.array(ImageRefSchema).default([]),
  data: z.unknown().optional(),
  error: ErrorInfoSchema.optional(),
});
/**
 * What a tool call gave back: text for the model, produced images, optional structured data.
 *
 * @useDeclaredType
 */
export type Observation = z.infer<typeof ObservationSchema>;

/** One tool call of a step: the arguments as the tool's schema parsed them, and what came back. */
export const ToolCallRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.unknown(),
  observation: ObservationSchema,
  startedAt: z.number(),
  durationMs: z.number().nonnegative(),
});
/**
 * One tool call of a step: the arguments as the tool's schema parsed them, and what came back.
 *
 * @useDeclaredType
 */
export type ToolCallRecord = z.infer<typeof ToolCallRecordSchema>;

/**
 * One step of the trajectory: a model turn and what followed it.
 * - `tool_calls`: the model asked for tools; `calls` hold their observations;
 * - `answer`: the final turn;
 * - `malformed`: the turn could not be understood; `problem` is what the model was told.
 */
export const TrajectoryStepSchema = z.object({
  index: z.number().int().nonnegative(),
  kind: z.enum(["tool_calls", "answer", "malformed"]),
  /**
   * Who took the step: the model (a turn of the conversation; absent means model) or the graph
   * (a fixed step such as `toolNode`, shown to the model as context before its next turn, not as
   * its own turn).
   */
  source: z.enum(["model", "graph"]).optional(),
  thought: z.string().default(""),
  /** The model's output as it came, for dialects that replay text turns verbatim. */
  raw: z.string().default(""),
  calls: z.array(ToolCallRecordSchema).default([]),
  answer: z.string().optional(),
  problem: z.string().optional(),
  /** What the runtime changed about the turn (calls dropped over the per-turn limit), shown to the model with the results. */
  note: z.string().optional(),
  /**
   * Who ran the step's tool calls: interleaf (absent) or the model's server (`server`: the hosted
   * Skywork-R1V4 API runs its whole loop and returns the trace; a model that ignored the stop
   * sequence wrote results into its turn). A server step's observations are the text the trace
   * held: interleaf did not run, check or time them.
   */
  executedBy: z.enum(["interleaf", "server"]).optional(),
  usage: UsageSchema.default({ inputTokens: 0, outputTokens: 0 }),
  model: z.object({ id: z.string(), startedAt: z.number(), durationMs: z.number().nonnegative() }),
});
/**
 * One step of the trajectory: a model turn and what followed it.
 * - `tool_calls`: the model asked for tools; `calls` hold their observations;
 * - `answer`: the final turn;
 * - `malformed`: the turn could not be understood; `problem` is what the model was told.
 *
 * @useDeclaredType
 */
export type TrajectoryStep = z.infer<typeof TrajectoryStepSchema>;

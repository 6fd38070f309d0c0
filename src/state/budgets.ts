import { z } from "zod";

/**
 * The limits of a run: budgets that end it with a clear reason instead of a crash, and caps on
 * what one input or one model turn may hold (see docs/limits.md).
 */
export const BudgetsSchema = z.object({
  /** Tool calls over the whole run (R1V4 routinely makes 10+). */
  maxToolCalls: z.number().int().positive().default(16),
  /** Model turns over the whole run. */
  maxModelTurns: z.number().int().positive().default(40),
  /** Active time over the whole run, across resumes. */
  maxWallClockMs: z.number().int().positive().default(15 * 60_000),
  /** Consecutive malformed model turns before the run gives up. */
  maxMalformedTurns: z.number().int().positive().default(3),
  /**
   * Longest model turn accepted, in characters of text plus tool-call arguments. A longer turn is
   * malformed: its start is kept, the model is told the limit.
   */
  maxTurnChars: z.number().int().positive().default(256 * 1024),
  /** Tool calls taken from one model turn; further calls are dropped and the model is told so. */
  maxCallsPerTurn: z.number().int().positive().default(8),
  /** Longest question accepted, in characters; a longer one is refused before the run starts. */
  maxQuestionChars: z.number().int().positive().default(100_000),
  /**
   * Images sent with one model request: the original and the most recent ones. Older images are
   * replaced by a note; tools can still use them by name.
   */
  maxImagesPerRequest: z.number().int().positive().default(16),
});
/**
 * Limits that end a run with a clear reason instead of a crash.
 *
 * @useDeclaredType
 */
export type Budgets = z.infer<typeof BudgetsSchema>;

/** Running totals the budgets are checked against. */
export const CountersSchema = z.object({
  toolCalls: z.number().int().nonnegative().default(0),
  modelTurns: z.number().int().nonnegative().default(0),
  malformedStreak: z.number().int().nonnegative().default(0),
  elapsedMs: z.number().nonnegative().default(0),
  inputTokens: z.number().int().nonnegative().default(0),
  outputTokens: z.number().int().nonnegative().default(0),
});
/**
 * Running totals the budgets are checked against.
 *
 * @useDeclaredType
 */
export type Counters = z.infer<typeof CountersSchema>;

/** Why a run ended. */
export const StopReasonSchema = z.enum([
  "answer",
  "max_tool_calls",
  "max_model_turns",
  "deadline",
  "malformed_turns",
  "model_error",
  "plan_failed",
]);
/**
 * Why a run ended.
 *
 * @useDeclaredType
 */
export type StopReason = z.infer<typeof StopReasonSchema>;

/** How a run ended, with a message a person can read. */
export const StopSchema = z.object({ reason: StopReasonSchema, message: z.string() });
/**
 * How a run ended, with a message a person can read.
 *
 * @useDeclaredType
 */
export type Stop = z.infer<typeof StopSchema>;

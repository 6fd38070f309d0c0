import { z } from "zod";
import { ErrorInfoSchema } from "../../errors/error-info.js";
import { DatasetRefSchema } from "../datasets/open-dataset.js";

/**
 * Generation settings the R1V4 report does not state, made explicit and recorded in every run:
 * sampling temperature and output token limit of the agent's model (defaults: VLMEvalKit's and
 * lmms-eval's greedy decoding, temperature 0, and no limit of their own), and what the rule
 * scorers read: the raw final turn (`raw`, as the harnesses see a model's output) or the answer the
 * dialect extracted (`answer`).
 */
export const GenerationSettingsSchema = z.object({
  temperature: z.number().min(0).default(0),
  maxTokens: z.number().int().positive().nullable().default(null),
  prediction: z.enum(["raw", "answer"]).default("raw"),
});
/**
 * The generation settings a run records: temperature, output token limit, and what rule scorers read.
 *
 * @useDeclaredType
 */
export type GenerationSettings = z.infer<typeof GenerationSettingsSchema>;

/** The judge of a run as recorded: its model, the template (id and sha256 of its text) and the parser's scorer id. */
export const JudgeRecordSchema = z.object({
  /** `<provider>:<model>` as the CLI takes it, or the backend's `provider:modelId`. */
  model: z.string(),
  baseUrl: z.string().optional(),
  template: z.string(),
  templateSha256: z.string(),
  parser: z.string(),
});
/**
 * A run's judge as recorded: its model, the template's id and sha256, and the parser's scorer id.
 *
 * @useDeclaredType
 */
export type JudgeRecord = z.infer<typeof JudgeRecordSchema>;

/**
 * The configuration of an eval run, stored once in the run table: everything needed to resume it
 * and to read its scores (model, dialect, tools and sampling through the agent spec, the dataset
 * and its checksum, the seed, scorer and judge ids and versions).
 */
export const EvalRunConfigSchema = z.object({
  runId: z.string(),
  createdAt: z.number(),
  dataset: DatasetRefSchema.extend({ checksum: z.string() }),
  /** The agent spec (`AgentSpec` of `interleaf/graphs`): model, dialect, mode, tools. Never a secret. */
  agent: z.record(z.string(), z.unknown()),
  samples: z.number().int().positive(),
  seed: z.number().int(),
  generation: GenerationSettingsSchema,
  /** Agent budgets of every thread (`maxToolCalls`, `maxModelTurns`, ...). */
  budgets: z.record(z.string(), z.number()).default({}),
  /** Rule scorer ids, the first one is the run's headline score unless a judge is set. */
  scorers: z.array(z.string()),
  judge: JudgeRecordSchema.optional(),
  /** The interleaf version that started the run. */
  version: z.string(),
});
/**
 * The configuration of an eval run, as the run table stores it.
 *
 * @useDeclaredType
 */
export type EvalRunConfig = z.infer<typeof EvalRunConfigSchema>;

/** Where a thread of a run is. `answered` and `stopped` are finished; the others are resumed by the next run. */
export const EvalThreadStatusSchema = z.enum(["queued", "running", "answered", "stopped", "failed", "interrupted"]);
/**
 * Where a thread of a run is: `queued` (waiting for a worker), `running`, `answered`, `stopped`, `failed` or `interrupted`.
 *
 * @useDeclaredType
 */
export type EvalThreadStatus = z.infer<typeof EvalThreadStatusSchema>;

/** A judge's verdict on one thread: `judge_failed` (no call succeeded, or the parser found no verdict) is kept apart from `incorrect`. */
export const JudgeVerdictSchema = z.object({
  verdict: z.enum(["correct", "incorrect", "judge_failed"]),
  score: z.union([z.number(), z.boolean()]).nullable(),
  /** The judge's raw reply (absent when the call failed). */
  output: z.string().optional(),
  error: z.string().optional(),
  cached: z.boolean().default(false),
});
/**
 * A judge's verdict on one thread (`judge_failed` kept apart from `incorrect`).
 *
 * @useDeclaredType
 */
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

/** What the scorers read of an item, kept with its thread so that stored answers can be re-scored without the dataset. */
export const ScoredItemSchema = z.object({
  question: z.string(),
  gold: z.unknown(),
  options: z.record(z.string(), z.string()).optional(),
  choices: z.array(z.string()).optional(),
  candidates: z.array(z.string()).optional(),
  alternative_gt_answers: z.array(z.string()).optional(),
  target_instances: z.array(z.array(z.number())).optional(),
  category: z.string().optional(),
  groups: z.record(z.string(), z.string()).optional(),
  permutation: z.array(z.number()).optional(),
});
/**
 * What the scorers read of an item, kept with its thread.
 *
 * @useDeclaredType
 */
export type ScoredItem = z.infer<typeof ScoredItemSchema>;

/** One row of the run table: a thread (an item's sample), its status, answer, scores, usage and timing. */
export const EvalThreadRecordSchema = z.object({
  threadId: z.string(),
  itemId: z.string(),
  sample: z.number().int().nonnegative(),
  status: EvalThreadStatusSchema,
  item: ScoredItemSchema,
  /** The answer the dialect extracted; null when the model never gave one. */
  answer: z.string().nullable().default(null),
  /** The raw text of the final model turn. */
  raw: z.string().default(""),
  scores: z.record(z.string(), z.object({ score: z.union([z.number(), z.boolean()]), extracted: z.string().nullable() })).default({}),
  judge: JudgeVerdictSchema.optional(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }).default({ inputTokens: 0, outputTokens: 0 }),
  turns: z.number().int().nonnegative().default(0),
  toolCalls: z.number().int().nonnegative().default(0),
  /** Agent time across attempts and resumes, in ms. */
  latencyMs: z.number().nonnegative().default(0),
  /** Agent runs and resumes this thread took (retries and resumes add one each). */
  attempts: z.number().int().nonnegative().default(0),
  error: ErrorInfoSchema.optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
});
/**
 * One row of the run table: a thread, its status, answer, scores, usage and timing.
 *
 * @useDeclaredType
 */
export type EvalThreadRecord = z.infer<typeof EvalThreadRecordSchema>;

/** Whether a thread is done for good: answered, or stopped by a budget or malformed turns. */
export function isFinished(status: EvalThreadStatus): boolean {
  return status === "answered" || status === "stopped";
}

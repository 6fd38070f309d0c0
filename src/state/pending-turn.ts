import { z } from "zod";
import { UsageSchema } from "./trajectory.js";

/** A model turn that asked for tools, waiting for the tools node to run them. */
export const PendingTurnSchema = z.object({
  index: z.number().int().nonnegative(),
  thought: z.string(),
  raw: z.string(),
  requests: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.unknown() })),
  /** What the runtime changed about the turn (calls dropped over the per-turn limit), shown to the model with the results. */
  note: z.string().optional(),
  usage: UsageSchema,
  model: z.object({ id: z.string(), startedAt: z.number(), durationMs: z.number().nonnegative() }),
});
/**
 * A model turn that asked for tools, waiting for the tools node to run them.
 *
 * @useDeclaredType
 */
export type PendingTurn = z.infer<typeof PendingTurnSchema>;

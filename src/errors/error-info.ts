import { z } from "zod";

/**
 * An error as plain data, the form state, run results, events and checkpoints keep: what
 * `InterleafError.toJSON()` returns and `InterleafError.fromJSON` reads back.
 */
export const ErrorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  retryable: z.boolean().default(false),
  details: z.record(z.string(), z.unknown()).optional(),
});
/**
 * An error as plain data, the form state, run results, events and checkpoints keep: what
 * `InterleafError.toJSON()` returns and `InterleafError.fromJSON` reads back.
 *
 * @useDeclaredType
 */
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

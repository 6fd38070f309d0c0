import { z } from "zod";

/**
 * A list argument a model may also write as one string (`"queries": "cats"`): trimmed, empty
 * entries and duplicates dropped, at most `max` entries.
 */
export function listArgument(description: string, max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => [...new Set((Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.string()).min(1, "give at least one non-empty entry").max(max, `give at most ${max} entries per call`))
    .describe(description);
}

/**
 * The thread id of one sample of one item of a run: `eval-<run>-<item>-s<sample>`, the same on
 * every rerun, so rerunning a command finds its threads. Characters outside `[A-Za-z0-9._-]` in
 * the item id are percent-encoded.
 *
 * @example
 * ```ts
 * import { evalThreadId } from "interleaf/eval";
 *
 * console.log(evalThreadId("r1", "direct_attributes/sa_4690", 0)); // "eval-r1-direct_attributes%2Fsa_4690-s0"
 * ```
 */
export function evalThreadId(runId: string, itemId: string, sample: number): string {
  const safe = itemId.replace(/[^A-Za-z0-9._-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return `eval-${runId}-${safe}-s${sample}`;
}

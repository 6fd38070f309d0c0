import type { ToolCallRecord } from "../state/trajectory.js";

/**
 * Whether a tool call found nothing: no images, and text that is empty or only says there were
 * no results (the search tools write `No results.` under each query's header).
 */
export function isEmptyObservation(record: ToolCallRecord): boolean {
  const o = record.observation;
  if (o.error || o.images.length > 0) return false;
  const lines = o.text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^results for .*:$/i.test(line));
  return lines.length === 0 || lines.every((line) => /^(no results?( found)?|nothing found|\[\])\.?$/i.test(line));
}

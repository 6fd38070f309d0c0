import { testingError, type TestingError } from "../testing-error.js";
import type { CassetteEntry } from "./cassette-entry.js";
import { diffLines, formatDiff, type DiffLine } from "./line-diff.js";
import { modelRequestLines } from "./model-request-key.js";
import { toolCallLines } from "./tool-call-key.js";

/** What an unmatched call looked like, for {@link cassetteMismatch}. */
export interface UnmatchedCall {
  kind: "model" | "tool";
  /** The wrapped backend's name (model) or the tool's name. */
  name: string;
  key: string;
  lines: string[];
}

/** The lines of a recorded entry, as {@link UnmatchedCall.lines}. */
export function entryLines(entry: CassetteEntry): string[] {
  return entry.kind === "model" ? modelRequestLines(entry.request) : toolCallLines(entry.call);
}

/** What kind of thing a changed diff line is about. */
function category(line: string): string {
  if (/^(system|user|assistant|tool)\[\d+\]( \([^)]*\))? text: /.test(line)) return "prompt text";
  if (/ tool call: /.test(line) || line.startsWith("input")) return "tool arguments";
  if (/image: sha256 /.test(line)) return "image hash";
  if (line.startsWith("tool spec: ")) return "tool specs";
  if (line.startsWith("question: ")) return "question";
  if (line.startsWith("tool: ")) return "tool name";
  return "settings";
}

/**
 * The `cassette_mismatch` error of a call a replaying cassette has no recording of: it names the
 * nearest recorded call of the same kind (fewest differing lines) and shows the diff, and says
 * how to record again. `details` holds `key`, `nearestKey`, `changed` (`prompt text`,
 * `tool arguments`, `image hash`, ...) and `diff`.
 */
export function cassetteMismatch(cassette: { name: string; dir: string; mode: string }, call: UnmatchedCall, recorded: readonly CassetteEntry[]): TestingError<"cassette_mismatch"> {
  const candidates = recorded.filter((e) => e.kind === call.kind);
  const sameName = candidates.filter((e) => (e.kind === "model" ? e.name : e.call.tool) === call.name);
  let best: { entry: CassetteEntry; position: number; lines: DiffLine[]; distance: number } | undefined;
  for (const entry of sameName.length > 0 ? sameName : candidates) {
    const { lines, distance } = diffLines(entryLines(entry), call.lines);
    if (!best || distance < best.distance) best = { entry, position: recorded.indexOf(entry) + 1, lines, distance };
  }
  const what = call.kind === "model" ? `model request (backend "${call.name}")` : `${call.name} tool call`;
  const head = `cassette "${cassette.name}" (${cassette.mode} mode) has no recording of this ${what}, and replay never calls the live ${call.kind === "model" ? "backend" : "tool"}.`;
  const again = `If the change is intended, record again with INTERLEAF_CASSETTE=record (or =auto to record only new calls) and commit the updated ${cassette.dir}.`;
  if (!best) {
    return testingError("cassette_mismatch", `${head}\nThe cassette has no ${call.kind} calls at all.\n${again}`, { details: { key: call.key, nearestKey: null, changed: [], diff: "" } });
  }
  const changed = [...new Set(best.lines.filter((l) => l.op !== " ").map((l) => category(l.line)))];
  const diff = formatDiff(best.lines);
  const message = [
    head,
    `Nearest recorded call: #${best.position} of ${recorded.length} (${best.entry.key.slice(0, 24)}…), ${best.distance} line(s) differ (${changed.join(", ") || "nothing visible: a setting"}); - recorded, + now:`,
    diff,
    again,
  ].join("\n");
  return testingError("cassette_mismatch", message, { details: { key: call.key, nearestKey: best.entry.key, changed, diff } });
}

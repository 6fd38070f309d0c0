import type { EvalProgress } from "../../../src/eval/runs/eval-progress.js";

const WIDTH = 24;

/** A one-line progress bar for a terminal: done/failed counts, the running score and the time left. */
export function progressLine(progress: EvalProgress): string {
  const finished = progress.done + progress.failed;
  const total = progress.total;
  const filled = total ? Math.min(WIDTH, Math.round((WIDTH * finished) / total)) : 0;
  const bar = total ? `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ` : "";
  const count = total ? `${finished}/${total}` : `${finished}`;
  const score = progress.score === null ? "" : `, score ${(100 * progress.score).toFixed(1)}`;
  const eta = progress.etaMs === undefined ? "" : `, ETA ${formatDuration(progress.etaMs)}`;
  return `${bar}${count} done (${progress.failed} failed, ${progress.running} running${score}${eta})`;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

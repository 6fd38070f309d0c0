import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What parsing one turn cost in a child process. */
export interface TurnParseCost {
  shape: string;
  chars: number;
  /** How the dialect understood the turn (`tool_calls`, `answer`, `malformed`). */
  kind: string;
  wallMs: number;
  cpuMs: number;
  /** Peak resident memory of the child so far, in MB. */
  maxRssMb: number;
}

/**
 * Parses turns of `chars` characters (hostile shapes from `hostile-turns.ts`, or `normal`) in
 * one child process with a hard time limit, so a parser that never finishes fails the caller
 * instead of hanging it.
 */
export function parseTurnsInChild(shapes: readonly string[], chars: number, timeoutMs: number): Promise<TurnParseCost[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "test/support/parse-turn-child.ts", String(chars), ...shapes],
      { cwd: root, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const costs = stdout.trim() === "" ? [] : stdout.trim().split("\n").map((line) => JSON.parse(line) as TurnParseCost);
        if (error) {
          const done = costs.map((cost) => cost.shape).join(", ") || "none";
          reject(new Error(`parsing turns of ${chars} characters did not finish within ${timeoutMs} ms (finished: ${done}): ${error.message} ${stderr}`));
        } else resolve(costs);
      },
    );
  });
}
